"""core/places"""
