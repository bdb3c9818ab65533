"""Adapters of the documents service: the reference data read from CSV tables, and the SQLAlchemy
read model of registered incoming documents (its projection and reader).
"""
