"""The domain's door: what every command passes before any handler reads or writes.

`validation` checks the message's shape (every field's type, range, length and
characters; identifiers normalised), with no database; `sessions` checks its proof of
sender (an open login session of its actor). Both know every context's commands, so the
door sits above the contexts, beside `catalog`.
"""
