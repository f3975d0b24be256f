from pathlib import Path

import pytest

from kg.ingest.repair import ends_sentence, repair

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def fixed(text: str) -> str:
    return repair(text)[0]


def check_map(original: str, text: str, source_map: list[int]) -> None:
    assert len(source_map) == len(text)
    assert all(a < b for a, b in zip(source_map, source_map[1:], strict=False))
    for i, ch in enumerate(text):
        src = original[source_map[i]]
        assert src == ch or (src.isspace() and ch.isspace()), (i, ch, src)


def test_seed_000_title_is_joined(seed000):
    text = fixed(seed000)
    assert text.startswith("西部（重庆）科学城再添国家级新名片。\n")
    assert "西部（重庆）科学城再添国家级新名片。" in text


def test_seed_000_words_and_numbers_are_joined(seed000):
    text = fixed(seed000)
    assert "重庆高新区将以获批“国字号”基地为契机" in text  # "重庆高新\n\n区"
    assert "建设2.74平方公里的总部区" in text  # "2.74\n平方公里"
    assert "扎根重庆高新区20年" in text  # "20\n年"
    assert "超过13万平方米" in text  # spaces around numbers
    assert "并以Cytiva BioPark为蓝本" in text  # Latin words keep one space
    assert "把最优秀的人吸引到最优秀的组织中来。" in text  # "最 优 秀 的 人"
    assert "\n\n" not in text


@pytest.mark.parametrize(
    "heading",
    ["跑出发展加速度", "生态链日趋完善", "着力打造“生命芯谷”", "创新园区", "党建融通营商环境"],
)
def test_seed_000_headings_stay_their_own_line(seed000, heading):
    assert heading in fixed(seed000).split("\n")


def test_narrow_column_first_lines_are_not_headings(seed000):
    text = fixed(seed000)
    assert "党建不仅融入生产经营，更是融冶企业文化，提升红色软实力。" in text
    assert "宜春丰城高新区坚持用党的创新理论武装企业家头脑" in text


def test_markdown_headings_stay():
    text = fixed(SEED_FILES[1].read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert "# 徐州高新区：点燃产业高质量发展“红色引擎”" in lines
    assert "## 党建引领组织堡垒建在“链”上" in lines


def test_long_line_documents_keep_paragraphs_and_join_page_breaks():
    text = fixed(SEED_FILES[3].read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert "以党建链引领创新链" in lines
    assert "坚持党建引领、党管人才,把人才资源导入放在最优先位置" in text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_source_map_on_seeds(path):
    original = path.read_text(encoding="utf-8")
    text, source_map = repair(original)
    check_map(original, text, source_map)
    # every seed has hard-wrapped lines that got joined
    assert text.count("\n") < original.count("\n") / 2


def test_spaces():
    assert fixed("超过 13 万平方米") == "超过13万平方米"
    assert fixed("最 优 秀 的 人") == "最优秀的人"
    assert fixed("重庆\u3000高新区\t入选") == "重庆高新区入选"
    assert fixed("BINEX 中试平台 MAH 项目") == "BINEX中试平台MAH项目"
    assert fixed("Cytiva   BioPark 生命科学") == "Cytiva BioPark生命科学"
    assert fixed("人数 1 000 人") == "人数1000人"
    assert fixed("  前后空白  ") == "前后空白"


def test_line_breaks():
    assert fixed("重庆高新\n\n区入选基地。") == "重庆高新区入选基地。"
    assert fixed("建设2.74\n平方公里的总部区。") == "建设2.74平方公里的总部区。"
    assert fixed("以 Cytiva\nBioPark 为蓝本。") == "以Cytiva BioPark为蓝本。"
    assert fixed("第一句。\r\n\r\n第二句！") == "第一句。\n第二句！"
    assert fixed("他说：“好。”\n\n下一段。") == "他说：“好。”\n下一段。"


def test_control_characters_are_stripped():
    text, source_map = repair("重庆\x00高新\x07区\ufeff。\x1b")
    assert text == "重庆高新区。"
    assert source_map == [0, 1, 3, 4, 6, 8]


def test_characters_are_kept():
    s = "西部（重庆）科學城「貴州」，全角！ＡＢＣ１２３"
    assert fixed(s) == s


@pytest.mark.parametrize(
    "line,expected",
    [
        ("入新动能。", True),
        ("理黎建波说。”", True),
        ("石家庄高新区科技局：", True),
        ("到上千余人……", True),
        ("着力打造“生命芯谷”", False),
        ("扎根重庆高新区 20", False),
        ("建设2.", False),
    ],
)
def test_ends_sentence(line, expected):
    assert ends_sentence(line) is expected


def test_empty():
    assert repair("") == ("", [])
    assert repair("\n \n\t\x00") == ("", [])


def test_a_headline_keeps_the_space_between_its_two_phrases():
    text = fixed("滁州精准招商再发力 苏滁高新区加快新能源全产业链布局\n正文第一句。")
    assert "再发力 苏滁高新区" in text


def test_letter_spaced_lines_are_still_joined():
    text = fixed("苏 滁 高 新 区 加 快 布 局\n正文第一句。")
    assert "苏滁高新区加快布局" in text


def test_a_tables_rows_keep_their_tabs_and_line_breaks():
    table = (
        "序号\t企业名称\t所在园区\t行业\n"
        "1\t芜湖埃夫特智能装备股份有限公司\t机器人产业园\t工业机器人\n"
        "2\t安徽瑞祥工业有限公司\t机器人产业园\t智能装备\n"
    )
    assert fixed(table) == table.rstrip("\n")
    assert fixed("芜湖\t埃夫特落户鸠江，总投资10亿元。") == "芜湖埃夫特落户鸠江，总投资10亿元。"
