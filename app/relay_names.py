"""The relay's names the command line shows, apart from the relay itself (the parser is
built on every start, the desk's too, and need not import the event store for them), and
where the commands that speak to the broker find it."""

import os
import sys

AMQP_URL_ENV = "TELLER_AMQP_URL"
DEFAULT_EXCHANGE = "teller.events"
DEFAULT_CURSOR = "rabbitmq"


def broker_url(given: str | None, missing: str) -> str | None:
    """The broker's URL: `given` (--amqp), else the environment's. When neither names
    one, `missing` is said on stderr ({variable} in it names the variable) and the
    answer is None."""
    url = given or os.environ.get(AMQP_URL_ENV)
    if not url:
        print(missing.format(variable=AMQP_URL_ENV), file=sys.stderr)
        return None
    return url
