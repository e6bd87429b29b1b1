"""Forms validate what comes in from the browser; they hold no business logic."""
