"""core/knowledge"""
