"""The flow of the day as a model: Poisson arrivals, M/M/c queues, and the Markov chain
of payment states. `arrivals`, `queues` and `markov` are pure mathematics (no database,
no Qt); `queries` reads their inputs from the stored events."""
