"""A payment from keying to settlement: states and kinds, every payment command and event,
submission, approval, reservation, reversal, the posting projection, payment queries.
"""
