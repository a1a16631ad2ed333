"""Network access: one client factory and the transports that can feed it."""
