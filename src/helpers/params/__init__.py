"""Every report's parameters, validated before any work: one module per report (``trade_pivot``,
``partner_profile``, ``export_orders``, ``japan_taiwan``, ``claims_check``), each with ``validate(**parameters)``,
and the shared checks in ``checks``."""
