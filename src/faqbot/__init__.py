"""faqbot: a safe FAQ responder for Bespoke Treatment.

Importing the package loads nothing else: the core stays free of Flask.
"""

__version__ = "0.1.0"
