"""Who may act: roles, passwords, login and lockout, four-eyes overrides, operator queries."""
