"""Wire protocols as data: operation routing, envelopes, embedded JSON, signing.

``profile`` (the settings model and built-in profiles), ``pointers`` (JSON pointers that continue
inside embedded JSON documents), ``envelope`` (success/error envelopes and in-band errors),
``requests`` (the parameters of a recorded request), ``signing`` (one module to sign and verify).
"""
