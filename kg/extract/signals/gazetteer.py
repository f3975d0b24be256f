"""Signal ``gazetteer``: known national zones and their short forms.

The park gazetteer (kg/data/parks_gazetteer.tsv) is matched with Aho-Corasick,
leftmost-longest, only where a jieba token starts; a bracket right after the
name belongs to it (杭州高新区(滨江)).
"""

from __future__ import annotations

from kg.extract.sentence import SentenceMentions


def find(sm: SentenceMentions) -> None:
    lex = sm.lex
    if not len(lex.park_automaton):
        return
    best: dict[int, tuple[int, str]] = {}
    for end, word in lex.park_automaton.iter(sm.text):
        start = end - len(word) + 1
        if start in sm.token_starts or start == 0:
            if start not in best or best[start][0] < end + 1:
                best[start] = (end + 1, word)
    taken = -1
    for start in sorted(best):
        end, _ = best[start]
        if start < taken:
            continue
        # extend over a bracket right after: 杭州高新区(滨江)
        j = sm.token_starts.get(end)
        if j is not None and sm.tokens[j].kind == "bracket":
            end = sm.tokens[j].end
        sm.add(start, end, "Park", "gazetteer", 0.95)
        taken = end
