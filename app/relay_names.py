"""The relay's names the command line shows, apart from the relay itself (the parser is
built on every start, the desk's too, and need not import the event store for them)."""

AMQP_URL_ENV = "TELLER_AMQP_URL"
DEFAULT_EXCHANGE = "teller.events"
DEFAULT_CURSOR = "rabbitmq"
