"""The mention signals: each module's ``find(sm)`` adds candidate spans to one sentence.

They run in the order of ``kg.extract.mentions.SIGNALS``; later signals see
what earlier ones found (a suffix name stops at a gazetteer park, industries
skip words inside organisation names).
"""
