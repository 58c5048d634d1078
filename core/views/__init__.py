"""core/views"""
