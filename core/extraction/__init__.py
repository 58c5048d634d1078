"""core/extraction"""
