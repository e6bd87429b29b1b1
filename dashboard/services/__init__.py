"""The dashboard's business logic, for its views to call: what a page needs from the upstream
beyond one `history` call, the outcome and audit entry of every action, and what the dashboard
keeps itself (the audit log, profiles). Nothing here renders a page or talks HTTP."""
