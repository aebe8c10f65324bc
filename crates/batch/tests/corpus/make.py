#!/usr/bin/env python3
"""Makes the corpus of government-style spreadsheets that crates/batch/tests/corpus.rs reads: the
layouts offices really send (title rows, units rows, column-number rows, footnotes, two-level headers
with merged cells, totals, data behind a 填表说明 sheet and a hidden sheet of drop-down lists, formulas
saved without values, GBK CSV and UTF-16 "Unicode text" as Excel saves them, .xls and .ods as
LibreOffice saves them), and expected.tsv: every locality and figure each file holds.

    python3 make.py          # needs openpyxl (PyPI) and LibreOffice's soffice for .xls/.ods

The files are committed, so the tests need neither.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent

# The localities every file holds, and their figures by field id.
LOCALITIES = [
    ("和平区", dict(resident_population=645464, urban_resident_population=645464, elderly_population=168230,
                   townships=0, subdistricts=11, eldercare_beds=4210, current_community_workers=1320)),
    ("沈河区", dict(resident_population=767360, urban_resident_population=767360, elderly_population=201125,
                   townships=0, subdistricts=13, eldercare_beds=3980, current_community_workers=1405)),
    ("新民市", dict(resident_population=538751, urban_resident_population=190322, elderly_population=142870,
                   townships=25, subdistricts=4, eldercare_beds=2316, current_community_workers=210)),
    ("乙镇", dict(resident_population=23115, urban_resident_population=6120, elderly_population=7012,
                 townships=1, subdistricts=0, eldercare_beds=180, current_community_workers=9)),
    ("康平县", dict(resident_population=257836, urban_resident_population=98321, elderly_population=71205.5,
                  townships=15, subdistricts=2, eldercare_beds=1233, current_community_workers=88)),
]
# 康平县's elderly figure is a decimal on purpose: a figure must come back exactly as typed (the
# engine reports it as an input error, which is not the reader's business).

FIELDS = ["resident_population", "urban_resident_population", "elderly_population", "townships",
          "subdistricts", "eldercare_beds", "current_community_workers"]
# Headers as offices type them (synonyms), with units in brackets on some.
HEADERS = ["常住人口（人）", "城镇人口", "60岁以上人口", "乡镇个数", "街道数", "养老床位数（张）", "现有城镇社区工作者（人）"]
UNITS = ["（人）", "（人）", "（人）", "（个）", "（个）", "（张）", "（人）"]

expected = []  # (file, name, field, value)


def expect(file, fields=FIELDS, rows=LOCALITIES):
    for name, figures in rows:
        for f in fields:
            expected.append((file, name, f.replace("current_", "current."), figures[f]))


def figures(name_figures, fields=FIELDS):
    return [name_figures[1][f] for f in fields]


def totals(fields=FIELDS):
    return [sum(l[1][f] for l in LOCALITIES) for f in fields]


def title_units_numbers_footnotes():
    """Title rows, a units row and a column-number row under the header, totals, footnotes, a typo."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2025年"
    ws.append(["沈阳市民政事业发展“十四五”规划指标基础数据表"])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：沈阳市民政局", None, None, None, None, None, "填报日期：2025年12月"])
    ws.append(["序号", "地区", *HEADERS, "户藉人口", "备注"])
    ws.append([None, None, *UNITS, "（人）", None])
    ws.append(["甲", "乙", 1, 2, 3, 4, 5, 6, 7, 8, 9])
    for i, loc in enumerate(LOCALITIES, 1):
        ws.append([i, loc[0], *figures(loc), None, "示例" if i == 2 else None])
    ws.append(["合计", None, *totals()])
    ws.append(["注：1. 常住人口以第七次全国人口普查为准；2. 乡镇个数不含街道。"])
    ws.append(["填表人：张三", None, None, "审核人：李四", None, None, "联系电话：024-12345678"])
    name = "title_units_numbers_footnotes.xlsx"
    wb.save(HERE / name)
    expect(name)
    return name


def two_level_header():
    """A two-level header: 序号 and 地区名称 merged down over both rows, group names merged across."""
    wb = Workbook()
    ws = wb.active
    ws.title = "基础数据"
    ws.append(["各县（市、区）民政规划指标测算基础数据"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "地区名称", "人口情况", None, None, "行政区划", None, "养老服务", "现有"])
    ws.append([None, None, "常住人口", "城镇常住人口", "60周岁及以上老年人口", "乡镇个数", "街道个数", "养老机构床位数",
               "城镇社区工作者"])
    for rng in ["A2:A3", "B2:B3", "C2:E2", "F2:G2"]:
        ws.merge_cells(rng)
    for cell in ws[2]:
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, loc in enumerate(LOCALITIES[:3], 1):
        ws.append([i, loc[0], *figures(loc)])
    ws.append([None, "小计", *[sum(l[1][f] for l in LOCALITIES[:3]) for f in FIELDS]])
    for i, loc in enumerate(LOCALITIES[3:], 4):
        ws.append([i, loc[0], *figures(loc)])
    ws.append([None, "总计", *totals()])
    name = "two_level_header.xlsx"
    wb.save(HERE / name)
    expect(name)
    return name


def later_sheet():
    """The data on the third sheet: behind a 填表说明 sheet (a table explaining the fields by name) and a
    hidden sheet of drop-down lists (whose first row names a field)."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["填表说明"])
    notes.append(["指标", "口径"])
    notes.append(["常住人口", "第七次全国人口普查常住人口"])
    notes.append(["60岁以上人口", "60周岁及以上"])
    lists = wb.create_sheet("下拉列表")
    lists.append(["地区名称", "层级"])
    for loc in LOCALITIES:
        lists.append([loc[0], "county"])
    lists.sheet_state = "hidden"
    data = wb.create_sheet("数据")
    data.append(["地区名称", *HEADERS])
    for loc in LOCALITIES:
        data.append([loc[0], *figures(loc)])
    dv = DataValidation(type="list", formula1="'下拉列表'!$A$2:$A$6")
    data.add_data_validation(dv)
    dv.add("A2:A100")
    name = "later_sheet.xlsx"
    wb.save(HERE / name)
    expect(name)
    return name


def formulas_uncached():
    """城镇人口 as a formula of 常住人口, saved by openpyxl, which writes no cached values (as some report
    systems do): the figures cannot be read, and a warning names the cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "测算"
    ws.append(["地区名称", "常住人口", "城镇人口", "60岁以上人口"])
    for r, loc in enumerate(LOCALITIES, 2):
        ws.append([loc[0], loc[1]["resident_population"], f"=ROUND(B{r}*0.6,0)", loc[1]["elderly_population"]])
    ws.append(["合计", "=SUM(B2:B6)", "=SUM(C2:C6)", "=SUM(D2:D6)"])
    name = "formulas_uncached.xlsx"
    wb.save(HERE / name)
    expect(name, ["resident_population", "elderly_population"])
    return name


def delimited(cells_rows, sep):
    out = []
    for row in cells_rows:
        out.append(sep.join("" if c is None else str(c) for c in row))
    return "\r\n".join(out) + "\r\n"


def text_rows():
    rows = [["沈阳市民政规划指标基础数据"], ["地区名称", *HEADERS], ["", *UNITS]]
    rows += [[loc[0], *figures(loc)] for loc in LOCALITIES]
    rows += [["合计", *totals()], ["注：数据截至2025年底"]]
    return rows


def gbk_csv():
    """CSV as Excel on Chinese Windows saves it: GBK, CRLF, a title row padded with commas."""
    width = len(HEADERS) + 1
    rows = [r + [""] * (width - len(r)) for r in text_rows()]
    name = "gbk.csv"
    (HERE / name).write_bytes(delimited(rows, ",").encode("gbk"))
    expect(name)
    return name


def unicode_text():
    """Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated, CRLF."""
    name = "unicode_text.txt"
    (HERE / name).write_bytes(b"\xff\xfe" + delimited(text_rows(), "\t").encode("utf-16-le"))
    expect(name)
    return name


def convert(source, fmt):
    """LibreOffice's .xls (Excel 97–2003) or .ods of a workbook."""
    with tempfile.TemporaryDirectory() as out:
        profile = Path(out) / "profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
             "--outdir", out, str(HERE / source)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
        made = Path(out) / (Path(source).stem + "." + fmt)
        target = HERE / made.name
        shutil.copyfile(made, target)
    stem = Path(source).name
    expected.extend((target.name, n, f, v) for (file, n, f, v) in list(expected) if file == stem)
    return target.name


def main():
    made = [title_units_numbers_footnotes(), two_level_header(), later_sheet(), formulas_uncached(), gbk_csv(),
            unicode_text()]
    for source in ["title_units_numbers_footnotes.xlsx", "two_level_header.xlsx", "later_sheet.xlsx"]:
        for fmt in ["xls", "ods"]:
            made.append(convert(source, fmt))
    with open(HERE / "expected.tsv", "w", encoding="utf-8") as f:
        f.write("# file\tlocality\tfield\tvalue (made by make.py)\n")
        for file, name, field, value in expected:
            f.write(f"{file}\t{name}\t{field}\t{value}\n")
    print("\n".join(made))


if __name__ == "__main__":
    sys.exit(main())
