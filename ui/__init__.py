"""The teller's screens: Qt widgets and models. Reads go through domain queries; changes
go out as commands on the bus; results come back as events through the bridge."""
