"""The risk rules a payment passes before it moves money: limits, screening against the
block list, running totals, the default rules file.
"""
