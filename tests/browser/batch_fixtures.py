#!/usr/bin/env python3
"""Files for tests/browser/batch.test.mjs, and a reader for what the page exports (openpyxl, a reader
independent of the calculator's own crates).

  batch_fixtures.py make DIR        writes DIR/gbk.csv and DIR/data.xlsx (40,000 localities each, with
                                    planted input errors, markup and formula-injection names) and prints
                                    a JSON description of what was planted
  batch_fixtures.py read FILE.xlsx  reads an exported workbook and prints a JSON summary
"""
import json
import math
import sys
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

ROWS = 40_000

FIELDS = [
    # (id, Chinese header as a planner writes it, with its unit)
    ("name", "地区名称"),
    ("resident_population", "常住人口（人）"),
    ("urban_resident_population", "城镇常住人口（人）"),
    ("registered_population", "户籍人口（人）"),
    ("households", "居民户数（户）"),
    ("elderly_population", "60周岁及以上老年人口（人）"),
    ("counties", "县和县级市个数（个）"),
    ("districts", "市辖区个数（个）"),
    ("townships", "乡镇个数（乡、镇）（个）"),
    ("subdistricts", "街道个数 (个)"),
    ("urban_communities", "城市社区个数（个）"),
    ("rural_communities", "农村社区（行政村）个数（个）"),
    ("eldercare_beds", "养老机构床位数（张）"),
    ("urban_dibao_monthly", "城市低保标准（元/人/月）"),
    ("urban_consumption_growth_pct", "城镇居民上年度人均消费支出增速（%）"),
    ("province_resident_population", "全省常住人口（分摊基数）（人）"),
    ("current.community_workers", "现有城镇社区工作者（人）"),
    ("current.nursing_beds", "现有护理型床位（张）"),
]

# Names that must stay text: markup must not become elements, formulas must not run.
MARKUP = {1: "<img src=x onerror=alert(1)>", 2: "<script>alert(2)</script>"}
INJECTION = {5: '=HYPERLINK("http://evil.example/","点我")', 6: "@SUM(1+1)", 7: "+1+2", 8: "-3"}
# Input errors, by data row index: (field, bad text).
BAD = {
    3: ("resident_population", "很多"),
    10: ("townships", "-5"),
    25: ("urban_resident_population", "9999999"),  # more than the resident population
    100: ("households", "1e5"),
    20_000: ("province_resident_population", "0"),
    30_000: ("current.community_workers", "若干"),
    ROWS - 1: ("counties", "2.5"),
}
PLACES = "沈阳大连鞍山抚顺本溪丹东锦州营口阜新辽阳盘锦铁岭朝阳葫芦岛"


def row_values(i):
    resident = 20_000 + (i * 7919) % 980_000
    urban = resident * (30 + i % 60) // 100
    values = {
        "name": MARKUP.get(i) or INJECTION.get(i) or f"{PLACES[i % 14]}第{i}号乡镇",
        "resident_population": resident,
        "urban_resident_population": urban,
        "registered_population": resident - 1000,
        "households": resident // 3,
        "elderly_population": resident // 4,
        "counties": i % 3,
        "districts": i % 2,
        "townships": 5 + i % 20,
        "subdistricts": i % 9,
        "urban_communities": 10 + i % 40,
        "rural_communities": 50 + i % 100,
        "eldercare_beds": 100 + i % 5000,
        "urban_dibao_monthly": Decimal(600 + i % 300) + Decimal(i % 100) / 100,
        "urban_consumption_growth_pct": Decimal(i % 90) / 10,
        "province_resident_population": 42_591_407,
        "current.community_workers": urban * 18 // 10_000 - 5 + i % 10,
        "current.nursing_beds": "" if i % 4 else 50 + i % 3000,
    }
    if i in BAD:
        field, text = BAD[i]
        values[field] = text
    return values


def expected(values):
    """community_workers = ⌈urban × 18 ÷ 10,000⌉; eldercare_land = resident × 0.1 rounded up to 0.01."""
    out = {}
    urban, resident = values["urban_resident_population"], values["resident_population"]
    if isinstance(urban, int) and isinstance(resident, int) and urban <= resident:
        out["community_workers"] = math.ceil(Decimal(urban) * 18 / 10_000)
    if isinstance(resident, int):
        out["eldercare_land"] = float((Decimal(resident) * Decimal("0.1")).quantize(Decimal("0.01"), ROUND_CEILING))
    return out


def make(directory):
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    # GBK CSV with field ids as headers (ASCII), Chinese names, as Excel on Chinese Windows saves it.
    lines = [",".join(f for f, _ in FIELDS)]
    for i in range(ROWS):
        v = row_values(i)
        cells = []
        for f, _ in FIELDS:
            text = str(v[f])
            if any(c in text for c in ',"\n'):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(",".join(cells))
    gbk = ("\r\n".join(lines) + "\r\n").encode("gbk")
    (d / "gbk.csv").write_bytes(gbk)

    # XLSX with Chinese headers and units, numbers as numbers, bad input as text.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("各乡镇")
    ws.append([h for _, h in FIELDS])
    for i in range(ROWS):
        v = row_values(i)
        row = []
        for f, _ in FIELDS:
            x = v[f]
            if isinstance(x, str) and x[:1] in "=+-@":
                cell = WriteOnlyCell(ws, value=x)
                cell.data_type = "s"  # text that looks like a formula, stored as text
                row.append(cell)
            else:
                row.append(float(x) if isinstance(x, Decimal) else (None if x == "" else x))
        ws.append(row)
    wb.save(d / "data.xlsx")

    print(json.dumps({
        "rows": ROWS,
        "bad_rows": sorted(BAD),
        "bad_row_numbers": sorted(i + 2 for i in BAD),
        "markup": {str(k + 2): v for k, v in MARKUP.items()},
        "injection": {str(k + 2): v for k, v in INJECTION.items()},
        "gbk_bytes": len(gbk),
    }, ensure_ascii=False))


def read(path):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    summary = {"sheets": wb.sheetnames}
    ws = wb[wb.sheetnames[0]]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    summary["header"] = header
    col = {h: i for i, h in enumerate(header)}
    name_col = col["地区名称"]
    cw = col.get("城镇社区工作者（人）")
    land = col.get("社区养老服务设施用地（平方米）")
    row_col = col["行号"]
    data = []
    totals = None
    for r in rows:
        if r[row_col] == "合计":
            totals = r
            break
        data.append(r)
    summary["data_rows"] = len(data)
    summary["totals_label"] = totals[row_col] if totals else None
    summary["names"] = {str(r[row_col]): r[name_col] for r in data[:12]}
    # Compare with the expected values of every row (file row number → values).
    mismatches = []
    checked = 0
    for r in data:
        i = int(r[row_col]) - 2
        exp = expected(row_values(i))
        for norm, c in (("community_workers", cw), ("eldercare_land", land)):
            if c is None:
                continue
            want = exp.get(norm)
            got = r[c]
            if want is None:
                continue
            checked += 1
            if got is None or abs(float(got) - float(want)) > 1e-9:
                if len(mismatches) < 10:
                    mismatches.append({"row": r[row_col], "norm": norm, "want": want, "got": got})
    summary["checked"] = checked
    summary["mismatches"] = mismatches
    # Cell types of the first names: each must be a string cell ('s'), never a formula ('f').
    summary["name_types"] = {
        str(cells[row_col].value): cells[name_col].data_type for cells in ws.iter_rows(min_row=2, max_row=13)
    }
    errors = wb["输入错误"] if "输入错误" in wb.sheetnames else None
    if errors is not None:
        summary["error_rows"] = sorted({int(r[0]) for r in errors.iter_rows(min_row=2, values_only=True) if r[0] is not None})
    print(json.dumps(summary, ensure_ascii=False, default=str))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        sys.exit(__doc__)
