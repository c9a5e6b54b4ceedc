"""Quotation and speaker attribution for newsrooms."""
