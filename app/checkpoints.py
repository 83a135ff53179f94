"""The bank's signing key, kept outside the database, and checkpoint files.

`init` makes the key pair in the user's config folder (or $TELLER_KEY_DIR): the private
key 0600 in a 0700 folder. `eod` and `checkpoint` sign the chain head with it; an auditor
needs only the public key (`checkpoint --public-key`) to prove the chain with
`verify --checkpoints DIR`.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)
from platformdirs import user_config_dir
from sqlalchemy import Engine, select

from app.cli_language import QCoreApplication, refused
from app.database import private_folder
from bus import CommandRejected, MessageBus
from domain.eventstore.checkpoints import RecordCheckpoint
from domain.eventstore.events import canonical_json
from domain.eventstore.tables import business_dates, chain_head
from domain.eventstore.unit_of_work import snapshot
from domain.operators.permissions import SYSTEM
from domain.reporting.checkpoints import Checkpoint, fingerprint, signed_bytes

KEY_DIR_ENV = "TELLER_KEY_DIR"
PRIVATE_KEY = "checkpoint-signing-key.pem"
PUBLIC_KEY = "checkpoint-signing-key.pub.pem"


class NoSigningKey(RuntimeError):
    pass


def key_dir() -> Path:
    named = os.environ.get(KEY_DIR_ENV)
    return Path(named) if named else Path(user_config_dir("teller-desk", appauthor=False))


def ensure_key_pair(folder: Path | None = None) -> tuple[Path, bool]:
    """The private key's path, and whether it was made now."""
    folder = folder or key_dir()
    private_folder(folder)
    os.chmod(folder, 0o700)
    private = folder / PRIVATE_KEY
    if private.exists():
        return private, False
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    # O_EXCL: two inits at once must not leave two keys, one of them overwritten.
    fd = os.open(private, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, pem)
    finally:
        os.close(fd)
    (folder / PUBLIC_KEY).write_bytes(public_pem(key.public_key()))
    return private, True


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def load_private_key(folder: Path | None = None) -> Ed25519PrivateKey:
    path = (folder or key_dir()) / PRIVATE_KEY
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise NoSigningKey(
            QCoreApplication.translate(
                "Cli", "no signing key at {path}: run `python main.py init` (or set {variable})"
            ).format(path=path, variable=KEY_DIR_ENV)
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise NoSigningKey(
            QCoreApplication.translate("Cli", "{path} is not an Ed25519 private key").format(
                path=path
            )
        )
    return key


def load_public_key(path: Path | None = None) -> Ed25519PublicKey:
    """The public key from a PEM file; without one, the public half of this machine's key."""
    if path is None:
        return load_private_key().public_key()
    key = load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise NoSigningKey(
            QCoreApplication.translate("Cli", "{path} is not an Ed25519 public key").format(
                path=path
            )
        )
    return key


def describe_key(private: Path) -> str:
    key = load_private_key(private.parent)
    return QCoreApplication.translate(
        "Cli", "checkpoint signing key: {private} (public key {public}, fingerprint {fingerprint})"
    ).format(
        private=private,
        public=private.parent / PUBLIC_KEY,
        fingerprint=fingerprint(key.public_key()),
    )


def sign_head(engine: Engine, key: Ed25519PrivateKey) -> Checkpoint:
    """The chain head, the open business date and the time, signed."""
    with snapshot(engine) as conn:
        head = conn.execute(select(chain_head).where(chain_head.c.id == 1)).one()
        open_date = conn.execute(
            select(business_dates.c.business_date).where(business_dates.c.status == "open")
        ).scalar()
    payload = {
        "seq": int(head.last_seq),
        "hash": str(head.last_hash),
        "business_date": open_date.isoformat() if open_date else "",
        "signed_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    signature = key.sign(signed_bytes(payload))
    return Checkpoint(
        f"checkpoint-{payload['seq']}.json", payload, signature, fingerprint(key.public_key())
    )


def write_checkpoint(engine: Engine, bus: MessageBus, folder: Path) -> Path:
    """Sign the head, record it in the events, and write its file into `folder`."""
    checkpoint = sign_head(engine, load_private_key())
    if checkpoint.payload["seq"] == 0:
        raise NoSigningKey(
            QCoreApplication.translate(
                "Cli", "the journal is empty: there is no chain head to sign"
            )
        )
    document = checkpoint.document()
    payload = checkpoint.payload
    for result in bus.dispatch(
        RecordCheckpoint(
            actor=SYSTEM,
            seq=payload["seq"],
            hash=payload["hash"],
            business_date=payload["business_date"] or payload["signed_at"][:10],
            signed_at=payload["signed_at"],
            signature=document["signature"],
            key_fingerprint=checkpoint.key_fingerprint,
        )
    ):
        if isinstance(result, CommandRejected):
            raise NoSigningKey(
                QCoreApplication.translate(
                    "Cli", "the checkpoint was not recorded: {reason}"
                ).format(reason=refused(result))
            )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / checkpoint.name
    path.write_text(canonical_json(document) + "\n", encoding="utf-8")
    return path


def run_checkpoint(url: str, args: argparse.Namespace) -> int:
    if args.public_key:
        try:
            pem = public_pem(load_private_key().public_key())
        except NoSigningKey as exc:
            print(exc, file=sys.stderr)
            return 2
        if args.out:
            args.out.write_bytes(pem)
            print(
                QCoreApplication.translate("Cli", "public key written to {path}").format(
                    path=args.out
                )
            )
        else:
            sys.stdout.write(pem.decode("ascii"))
        return 0
    from app.bootstrap import bootstrap

    desk = bootstrap(url, start_worker=False)
    try:
        path = write_checkpoint(desk.engine, desk.bus, args.dir)
    except NoSigningKey as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        desk.close()
    print(QCoreApplication.translate("Cli", "signed checkpoint: {path}").format(path=path))
    return 0
