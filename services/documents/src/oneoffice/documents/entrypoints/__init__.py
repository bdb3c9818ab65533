"""Entry points of the documents service (gRPC servicer, its error mapping and server, CLI):
translate, then delegate."""
