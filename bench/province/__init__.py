"""A synthetic province for the reporting rebuild benchmark (#13, "Scale").

``python -m bench.province.generate`` publishes a year of a province's events to Kafka exactly as the
services' relays would; ``python -m bench.province.rebuild_bench`` does that and then measures a full
reporting rebuild from those topics beside the raw aiokafka consume rate. ``make bench-province``.
"""
