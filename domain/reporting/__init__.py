"""Reads over every context: history, statements, the audit trail, the proofs behind
`verify` and `replay --check`, exports.
"""
