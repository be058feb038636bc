#!/usr/bin/env python3
"""Synthetic Vietnamese Party-document texts for benchmarks.

Every template and word list here was written for this project; nothing is taken from real
documents. The texts have the shape of real ones — a header block (Party name, issuing committee,
"Số ...", place and date), a title, numbered sections of mostly prose, assignment sentences with
deadlines and a signature / distribution block — and roughly the citation density of real texts
(about one numbered citation every 300–600 characters), with:

* Party codes in the variants seen in practice: ``25-NQ/TW``, zero-padded ``05-CT/TW``,
  ``100 - KL/TW``, ``21 – NQ/TW``, ``37QĐ/TW``, ``05-ct/tw``, ``08/NQ-TW``, ``08/NQ -TW``,
  ``T.Ư`` / ``TƯ`` for ``TW``, ``Số: ...``, and rarely a code split over a line break;
* dates as ``03/6/2013``, ``3-6-2013``, ``4.10.2023``, ``ngày 25 tháng 10 năm 2017``;
* bare back-references ("Nghị quyết số 25", "Kết luận 43", "Quy định nêu trên");
* state documents (``15/2020/NĐ-CP``, ``123/QĐ-UBND``, ``39/2024/QH15``) and Youth Union codes.

Deterministic for a given seed. Use as a library::

    from synthetic import iter_texts
    for name, text, keys in iter_texts(mb=5, seed=1): ...

or from the command line to write the corpus to ``benchmarks/synthetic/`` (git-ignored)::

    python benchmarks/synthetic.py --mb 50 --seed 20240312

``keys`` is the sorted list of canonical Party keys (``NUMBER-TYPE/ISSUER``, number without leading
zeros) planted in the text, usable as a rough recall check.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

GENERATOR_VERSION = 2
DEFAULT_DIR = Path(__file__).resolve().parent / "synthetic"
DEFAULT_SEED = 20240312
MB = 1_000_000  # benchmark megabyte: 10^6 bytes of UTF-8 text

# --------------------------------------------------------------------------------------------
# Vocabulary (written for this project)
# --------------------------------------------------------------------------------------------

PROVINCES = [
    "Lạng Sơn", "Cao Bằng", "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Quảng Ninh", "Sơn La", "Điện Biên",
    "Lai Châu", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Lào Cai", "Bắc Ninh", "Hưng Yên",
    "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
    "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang", "Hà Giang", "Yên Bái",
    "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Thái Bình", "Hải Dương", "Hà Nam",
    "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định", "Ninh Thuận", "Đắk Nông",
    "Bình Thuận", "Phú Yên", "Bình Phước", "Long An", "Bến Tre", "Trà Vinh", "Tiền Giang",
    "Bạc Liêu", "Kiên Giang", "Sóc Trăng", "Hậu Giang",
]
DISTRICT_NAMES = [
    "Yên Lạc", "Tam Dương", "Bình Xuyên", "Lập Thạch", "Văn Quan", "Hòa An", "Đông Sơn", "Quỳnh Lưu",
    "Can Lộc", "Tiên Yên", "Mộc Châu", "Tuần Giáo", "Phù Ninh", "Đại Từ", "Sơn Dương", "Bảo Thắng",
    "Thuận Thành", "Kim Động", "Gia Viễn", "Hải Lăng", "Bình Sơn", "Chư Sê", "Diên Khánh",
    "Đức Trọng", "Krông Pắc", "Trảng Bom", "Gò Dầu", "Tam Bình", "Cao Lãnh", "Năm Căn", "Thoại Sơn",
]

TOPICS = [
    "phát triển kinh tế tập thể, hợp tác xã trong giai đoạn mới",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "công tác bảo vệ chính trị nội bộ",
    "chuyển đổi số trong các cơ quan đảng",
    "bảo vệ môi trường lưu vực các sông nội tỉnh",
    "phát triển du lịch cộng đồng gắn với bảo tồn văn hóa",
    "xây dựng nông thôn mới nâng cao và kiểu mẫu",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác dân vận của cơ quan hành chính nhà nước",
    "phát triển nguồn nhân lực chất lượng cao",
    "giáo dục lý tưởng cách mạng, đạo đức, lối sống cho thanh niên",
    "quản lý, khai thác và sử dụng đất đai",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "xây dựng và phát huy giá trị văn hóa, con người",
    "bảo đảm quốc phòng, an ninh ở khu vực biên giới",
    "phát triển kết cấu hạ tầng giao thông liên vùng",
    "bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân",
    "đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "thu hút đầu tư vào các khu, cụm công nghiệp",
    "phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
    "thực hành tiết kiệm, chống lãng phí trong chi tiêu công",
    "chủ động ứng phó với biến đổi khí hậu và thiên tai",
    "phát triển bền vững kinh tế biển",
    "công tác thông tin đối ngoại",
    "xây dựng đội ngũ cán bộ cấp xã",
    "giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số",
    "công tác quy hoạch, luân chuyển cán bộ",
    "sắp xếp đơn vị hành chính cấp xã",
    "phát triển khoa học, công nghệ và đổi mới sáng tạo",
    "củng cố tổ chức cơ sở đảng ở vùng sâu, vùng xa",
    "tổ chức đại hội đảng bộ các cấp",
    "tăng cường công tác phòng cháy, chữa cháy",
    "phát triển nông nghiệp hữu cơ, nông nghiệp công nghệ cao",
    "bảo đảm trật tự, an toàn giao thông",
    "công tác người cao tuổi",
]

SUBJECTS = [  # written as they appear mid-sentence; _cap() capitalises at a sentence start
    "các cấp ủy, tổ chức đảng", "cấp ủy các cấp", "Ủy ban nhân dân các huyện, thành phố",
    "các sở, ban, ngành", "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "người đứng đầu cơ quan, đơn vị", "các chi bộ trực thuộc", "đội ngũ cán bộ chủ chốt",
    "chính quyền các cấp", "các cơ quan báo chí của địa phương", "đảng ủy các xã, phường, thị trấn",
    "các đảng bộ cơ sở", "cán bộ, đảng viên", "các cơ quan tham mưu, giúp việc của cấp ủy",
    "Hội đồng nhân dân các cấp", "Đoàn Thanh niên và Hội Liên hiệp Phụ nữ",
]
VERBS = [
    "tập trung lãnh đạo, chỉ đạo", "chủ động rà soát, đánh giá", "thường xuyên kiểm tra, đôn đốc",
    "xây dựng kế hoạch cụ thể về", "đổi mới nội dung, phương thức", "quan tâm bố trí nguồn lực cho",
    "đẩy mạnh tuyên truyền về", "nghiêm túc kiểm điểm việc thực hiện", "tăng cường phối hợp trong",
    "kịp thời tháo gỡ vướng mắc trong", "đưa vào chương trình công tác năm nội dung về",
    "nâng cao trách nhiệm trong", "lựa chọn khâu đột phá về", "phân công cụ thể trách nhiệm về",
    "tổ chức đối thoại với nhân dân về", "tăng cường giám sát việc",
]
ADJUNCTS = [
    "trong năm 2024", "gắn với nhiệm vụ chính trị của địa phương", "bảo đảm đúng tiến độ đề ra",
    "theo hướng thiết thực, hiệu quả", "phù hợp với điều kiện thực tế của từng nơi",
    "không để xảy ra tình trạng hình thức, chiếu lệ", "trên cơ sở phân cấp rõ ràng",
    "với sự tham gia của nhân dân", "ngay từ đầu nhiệm kỳ", "trong giai đoạn 2021 - 2025",
    "đến năm 2030", "có trọng tâm, trọng điểm", "theo từng quý", "một cách đồng bộ",
]
OPENERS = ["", "", "", "Qua đó, ", "Bên cạnh đó, ", "Đồng thời, ", "Trong thời gian tới, ",
           "Nhìn chung, ", "Mặt khác, ", "Từ thực tiễn đó, ", "Trên cơ sở đó, "]
RESULT_TEMPLATES = [
    "Toàn {unit} có {n} chi bộ được xếp loại hoàn thành tốt nhiệm vụ, chiếm {p}%.",
    "Tỷ lệ hộ nghèo giảm bình quân {p1}%/năm, còn {p}% vào cuối năm {y}.",
    "Đã kết nạp {n} đảng viên mới, vượt {p}% chỉ tiêu của cả nhiệm kỳ.",
    "Có {n} mô hình, cách làm hay được biểu dương, nhân rộng trong {unit}.",
    "Tổng vốn huy động cho các chương trình đạt khoảng {n} tỷ đồng.",
    "Đã tổ chức {n} cuộc kiểm tra, giám sát đối với {m} tổ chức đảng và đảng viên.",
    "Thu nhập bình quân đầu người năm {y} đạt {n} triệu đồng, tăng {p}% so với năm trước.",
    "Có {p}% cán bộ, đảng viên tham gia học tập đầy đủ, nghiêm túc.",
]
WEAKNESSES = [
    "Tuy nhiên, một số nơi triển khai còn chậm, chưa sát với thực tế.",
    "Việc sơ kết, rút kinh nghiệm ở một số chi bộ chưa được thực hiện thường xuyên.",
    "Nguồn lực dành cho nhiệm vụ này còn hạn chế, chủ yếu dựa vào ngân sách nhà nước.",
    "Công tác phối hợp giữa các ngành có lúc chưa chặt chẽ, thiếu thống nhất.",
    "Một bộ phận cán bộ, đảng viên chưa nhận thức đầy đủ về tầm quan trọng của nhiệm vụ.",
    "Chất lượng báo cáo của một số đơn vị chưa cao, số liệu thiếu chính xác.",
]
HEADINGS = [
    ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"],
    ["I. KẾT QUẢ THỰC HIỆN", "II. HẠN CHẾ, NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
     "IV. KIẾN NGHỊ, ĐỀ XUẤT"],
    ["I. QUAN ĐIỂM, MỤC TIÊU", "II. CHỈ TIÊU CHỦ YẾU", "III. NHIỆM VỤ, GIẢI PHÁP",
     "IV. TỔ CHỨC THỰC HIỆN"],
    ["Chương I\nNHỮNG QUY ĐỊNH CHUNG", "Chương II\nNỘI DUNG CỤ THỂ", "Chương III\nĐIỀU KHOẢN THI HÀNH"],
]
CLOSING_LINES = [
    "{kind} này được phổ biến đến chi bộ.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Văn phòng để tổng hợp, báo cáo.",
    "{kind} này có hiệu lực kể từ ngày ký.",
]
SIGNATURES = [
    ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],
    ["T/M BAN CHẤP HÀNH", "BÍ THƯ"], ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
    ["T/M ĐẢNG ỦY", "BÍ THƯ"], ["TRƯỞNG BAN"],
]
RECIPIENTS = [
    "- Văn phòng Trung ương Đảng (để báo cáo),", "- Các đồng chí Ủy viên Ban Thường vụ,",
    "- Các ban, cơ quan tham mưu của cấp ủy,", "- Các đảng ủy trực thuộc,", "- Như Mục IV,",
    "- Lưu Văn phòng.", "- Các chi bộ trực thuộc,", "- Đảng đoàn, ban cán sự đảng,",
]

# Party document types: (type word, code, weight)
PARTY_TYPES = [
    ("Nghị quyết", "NQ", 20), ("Kết luận", "KL", 10), ("Chỉ thị", "CT", 10), ("Quy định", "QĐ", 8),
    ("Quyết định", "QĐ", 4), ("Kế hoạch", "KH", 18), ("Chương trình hành động", "CTr", 6),
    ("Hướng dẫn", "HD", 8), ("Thông báo", "TB", 4), ("Công văn", "CV", 3), ("Báo cáo", "BC", 3),
    ("Đề án", "ĐA", 2), ("Quy chế", "QC", 2), ("Thông tri", "TT", 1),
]
# issuer code -> (issuing body phrase, level, type codes it issues, max number)
CENTRAL = {
    "TW": (["Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng"],
           {"NQ", "KL", "CT", "QĐ", "TB", "QC"}, 320),
    "BTCTW": (["Ban Tổ chức Trung ương"], {"HD", "CV", "KH"}, 9000),
    "BTGTW": (["Ban Tuyên giáo Trung ương"], {"HD", "KH", "CV"}, 400),
    "UBKTTW": (["Ủy ban Kiểm tra Trung ương"], {"HD", "QĐ", "TB"}, 300),
    "VPTW": (["Văn phòng Trung ương Đảng"], {"CV", "HD"}, 9000),
    "BDVTW": (["Ban Dân vận Trung ương"], {"HD", "KH"}, 200),
}
PROVINCIAL = {
    "TU": (["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh"],
           {"NQ", "KL", "CT", "QĐ", "KH", "CTr", "TB", "BC", "ĐA", "QC", "TT"}, 1500),
    "BTCTU": (["Ban Tổ chức Tỉnh ủy"], {"HD", "KH", "CV"}, 600),
    "BTGTU": (["Ban Tuyên giáo Tỉnh ủy"], {"HD", "KH"}, 300),
    "BDVTU": (["Ban Dân vận Tỉnh ủy"], {"HD", "KH"}, 200),
    "UBKTTU": (["Ủy ban Kiểm tra Tỉnh ủy"], {"HD", "QĐ", "TB"}, 300),
    "VPTU": (["Văn phòng Tỉnh ủy"], {"HD", "CV"}, 3000),
    "ĐUK": (["Đảng ủy Khối các cơ quan tỉnh"], {"KH", "NQ", "HD", "TB"}, 300),
}
DISTRICT = {
    "HU": (["Ban Thường vụ Huyện ủy", "Huyện ủy"], {"NQ", "KH", "CTr", "CT", "BC", "TB", "KL"}, 500),
    "QU": (["Ban Thường vụ Quận ủy"], {"NQ", "KH", "CTr", "BC"}, 400),
    "TU": (["Ban Thường vụ Thị ủy"], {"KH", "CTr", "NQ"}, 300),
    "ĐU": (["Đảng ủy xã", "Đảng ủy phường"], {"NQ", "KH", "BC"}, 300),
}
ORGS_PROV = [
    "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    "Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Trường Chính trị tỉnh", "Đảng ủy Quân sự tỉnh", "Đảng ủy Công an tỉnh", "Sở Nội vụ",
    "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Báo tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
]
ORGS_DIST = [
    "Ban Tổ chức Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Ủy ban Kiểm tra Huyện ủy", "Văn phòng Huyện ủy",
    "Đảng ủy Ủy ban nhân dân huyện", "Trung tâm Chính trị huyện", "Ban Dân vận Huyện ủy",
]
REPORT_TO = [
    ("Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh ủy"), ("Ban Thường vụ Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
    ("Thường trực Tỉnh ủy", "Văn phòng Tỉnh ủy"), ("Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy"),
    ("Ban Bí thư", "Ban Tổ chức Trung ương"), ("Ban Thường vụ Đảng ủy Khối", "Văn phòng Đảng ủy Khối"),
]
TASKS = [
    "hướng dẫn, theo dõi, đôn đốc việc thực hiện", "xây dựng đề cương và tổ chức sơ kết",
    "tổ chức quán triệt cho cán bộ chủ chốt", "thẩm định các đề án, chương trình liên quan",
    "kiểm tra, giám sát việc thực hiện ở cơ sở", "biên soạn tài liệu tuyên truyền",
    "tổng hợp kết quả, tham mưu sơ kết hằng năm", "rà soát, đề xuất sửa đổi các quy định còn bất cập",
]

# state documents: builders return (surface key) ; (type word, code pattern)
STATE_FORMS = [
    ("Nghị định", "{n}/{y}/NĐ-CP", 5), ("Quyết định", "{n}/QĐ-UBND", 5), ("Quyết định", "{n}/QĐ-TTg", 3),
    ("Nghị quyết", "{n}/NQ-CP", 3), ("Nghị quyết", "{n}/{y}/NQ-HĐND", 2), ("Luật", "{n}/{y}/QH{k}", 2),
    ("Thông tư", "{n}/{y}/TT-BNV", 1), ("Thông tư", "{n}/{y}/TT-BTC", 1), ("Quyết định", "{n}/{y}/QĐ-UBND", 2),
    ("Kế hoạch", "{n}/KH-UBND", 2), ("Công văn", "{n}/UBND-NC", 1),
]
STATE_BODIES = {
    "NĐ-CP": "của Chính phủ", "QĐ-UBND": "của Ủy ban nhân dân tỉnh", "QĐ-TTg": "của Thủ tướng Chính phủ",
    "NQ-CP": "của Chính phủ", "NQ-HĐND": "của Hội đồng nhân dân tỉnh", "QH": "của Quốc hội",
    "TT-BNV": "của Bộ Nội vụ", "TT-BTC": "của Bộ Tài chính", "KH-UBND": "của Ủy ban nhân dân tỉnh",
    "UBND-NC": "của Ủy ban nhân dân tỉnh",
}
OTHER_FORMS = ["{n}-KH/TWĐTN-BTG", "{n}-QĐ/TWĐTN", "{n}-HD/TWĐTN-BTC", "{n}/HD-MTTW-BTT", "{n}-KH/TLĐ"]

# relation cues: (cue before a reference, weight)
CUES = [
    ("Thực hiện", 14), ("Triển khai thực hiện", 6), ("Quán triệt và thực hiện", 3), ("Căn cứ", 10),
    ("tiếp tục thực hiện", 5), ("tiếp tục đẩy mạnh thực hiện", 2), ("sơ kết 5 năm thực hiện", 3),
    ("tổng kết 10 năm thực hiện", 3), ("thay thế", 2), ("bãi bỏ", 1),
    ("sửa đổi, bổ sung một số điều của", 2), ("hướng dẫn thực hiện", 2), ("theo tinh thần", 3),
    ("gắn với thực hiện", 4), ("cụ thể hóa", 3), ("theo", 6), ("", 8),
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _weighted(rng: random.Random, items):
    total = sum(w for *_, w in items)
    x = rng.random() * total
    for item in items:
        x -= item[-1]
        if x <= 0:
            return item
    return items[-1]


@dataclass
class _Doc:
    kind: str
    code: str
    number: int
    issuer: str
    key: str
    year: int
    month: int
    day: int
    body: str
    mentioned: bool = False


@dataclass
class _Ctx:
    rng: random.Random
    province: str
    district: str | None
    level: str                       # "province" / "district" / "central-organ"
    year: int
    own_kind: str = "Kế hoạch"
    pool: list[_Doc] = field(default_factory=list)    # documents cited so far in this text
    keys: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------------------------
# Pieces
# --------------------------------------------------------------------------------------------

def _date_parts(rng: random.Random, lo: int, hi: int) -> tuple[int, int, int]:
    y = rng.randint(lo, hi)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28 if m == 2 else 30)
    return y, m, d


def _fmt_date(rng: random.Random, y: int, m: int, d: int, with_word: bool = True) -> str:
    r = rng.random()
    pad = rng.random() < 0.5
    dd = f"{d:02d}" if pad else str(d)
    mm = f"{m:02d}" if pad and rng.random() < 0.5 else str(m)
    if r < 0.55:
        s = f"{dd}/{mm}/{y}"
    elif r < 0.72:
        s = f"{dd}-{mm}-{y}"
    elif r < 0.80:
        s = f"{dd}.{mm}.{y}"
    else:
        s = f"{dd} tháng {mm} năm {y}"
        return "ngày " + s
    return ("ngày " + s) if with_word else s


def _new_party_doc(ctx: _Ctx) -> _Doc:
    rng = ctx.rng
    r = rng.random()
    if r < 0.45:
        table, lvl = CENTRAL, "central"
    elif r < 0.85:
        table, lvl = PROVINCIAL, "province"
    else:
        table, lvl = DISTRICT, "district"
    issuer = rng.choice(list(table))
    bodies, codes, maxn = table[issuer]
    choices = [t for t in PARTY_TYPES if t[1] in codes]
    kind, code, _ = _weighted(rng, choices)
    if lvl == "central" and issuer == "TW" and code == "QĐ" and kind == "Quy định" and rng.random() < 0.1:
        code = "QĐi"
    n = rng.randint(1, 60) if rng.random() < 0.6 else rng.randint(1, maxn)
    y, m, d = _date_parts(rng, 1998, ctx.year)
    body = rng.choice(bodies)
    if lvl == "district" and "Huyện ủy" in body and ctx.district:
        body = body + " " + ctx.district if rng.random() < 0.3 else body
    key = f"{n}-{code}/{issuer}"
    return _Doc(kind, code, n, issuer, key, y, m, d, body)


# how often each way of typing a Party symbol occurs (cumulative), from canonical to damaged
CODE_SHAPES = (
    (0.74, "{n}-{t}/{i}"),
    (0.80, "{n} - {t}/{i}"),
    (0.84, "{n} – {t}/{i}"),
    (0.87, "{n}{t}/{i}"),
    (0.91, "lower"),
    (0.95, "{n}/{t}-{i}"),
    (0.97, "{n}/{t} -{i}"),
    (0.985, "{n}-{t} / {i}"),
    (1.01, "{n} -\n{t}/{i}"),
)


def _code_surface(rng: random.Random, doc: _Doc) -> str:
    """The code as it might be typed: canonical most of the time, variants otherwise."""
    n = f"{doc.number:02d}" if doc.number < 10 and rng.random() < 0.6 else str(doc.number)
    t, i = doc.code, doc.issuer
    if i == "TW" and rng.random() < 0.06:
        i = rng.choice(["T.Ư", "TƯ", "T.Ư", "Tw"])
    r = rng.random()
    for threshold, shape in CODE_SHAPES:
        if r < threshold:
            break
    return shape.format(n=n, t=t, i=i) if shape != "lower" else f"{n}-{t}/{i}".lower()


def _party_ref(ctx: _Ctx, doc: _Doc | None = None) -> str:
    """A full numbered reference: type word, code, optional date, issuing body, subject."""
    rng = ctx.rng
    if doc is None:
        doc = _new_party_doc(ctx)
        ctx.pool.append(doc)
    doc.mentioned = True
    ctx.keys.add(doc.key)
    so = rng.choice(["số ", "số ", "số ", "số ", ""])
    s = f"{doc.kind} {so}{_code_surface(rng, doc)}"
    if rng.random() < 0.75:
        sep = rng.choice([", ", " ", " ", ", "])
        s += sep + _fmt_date(rng, doc.year, doc.month, doc.day)
    if rng.random() < 0.7:
        s += f" của {doc.body}"
        if doc.issuer == "TW" and rng.random() < 0.25:
            s += " khóa " + rng.choice(["X", "XI", "XII", "XIII"])
    if rng.random() < 0.6:
        s += " về " + rng.choice(TOPICS)
    return s


def _bare_ref(ctx: _Ctx) -> str:
    """A back-reference to a document cited earlier in this text."""
    rng = ctx.rng
    doc = rng.choice(ctx.pool)
    r = rng.random()
    if r < 0.45:
        return f"{doc.kind} số {doc.number}"
    if r < 0.65:
        return f"{doc.kind} {doc.number}"
    if r < 0.85:
        return f"{doc.kind} nêu trên"
    return f"{doc.kind} này"


def _state_ref(ctx: _Ctx) -> str:
    rng = ctx.rng
    kind, pat, _ = _weighted(rng, STATE_FORMS)
    y = rng.randint(2005, ctx.year)
    k = 11 + (y - 2002) // 5 if y >= 2002 else 11
    code = pat.format(n=rng.randint(1, 3999) if "UBND" in pat else rng.randint(1, 180), y=y, k=k)
    s = f"{kind} số {code}"
    if rng.random() < 0.6:
        s += " " + _fmt_date(rng, y, rng.randint(1, 12), rng.randint(1, 28))
    for suffix, body in STATE_BODIES.items():
        if suffix in code and rng.random() < 0.6:
            s += " " + body
            break
    return s


def _other_ref(ctx: _Ctx) -> str:
    rng = ctx.rng
    code = rng.choice(OTHER_FORMS).format(n=rng.randint(1, 300))
    return f"{rng.choice(['Kế hoạch', 'Hướng dẫn', 'Quyết định'])} số {code}"


def _prose(ctx: _Ctx) -> str:
    rng = ctx.rng
    r = rng.random()
    if r < 0.12:
        t = rng.choice(RESULT_TEMPLATES)
        return t.format(unit=rng.choice(["tỉnh", "huyện", "Đảng bộ", "khối"]), n=rng.randint(3, 950),
                        m=rng.randint(2, 90), p=rng.randint(5, 99), p1=rng.randint(1, 5),
                        y=rng.randint(ctx.year - 5, ctx.year - 1))
    if r < 0.18:
        return rng.choice(WEAKNESSES)
    s = (rng.choice(OPENERS) + rng.choice(SUBJECTS) + " " + rng.choice(VERBS) + " "
         + rng.choice(TOPICS) + ", " + rng.choice(ADJUNCTS))
    if rng.random() < 0.35:
        s += "; " + rng.choice(VERBS) + " " + rng.choice(TOPICS)
    return _cap(s) + "."


def _citing_sentence(ctx: _Ctx) -> str:
    rng = ctx.rng
    r = rng.random()
    if r < 0.70 or not ctx.pool:
        cue, _ = _weighted(rng, CUES)
        ref = _party_ref(ctx, rng.choice(ctx.pool) if ctx.pool and rng.random() < 0.2 else None)
        subj = rng.choice(SUBJECTS)
        if cue in ("thay thế", "sửa đổi, bổ sung một số điều của"):
            return f"{ctx.own_kind} này {cue} {ref}."
        if cue == "bãi bỏ":
            return f"Bãi bỏ {ref} và các nội dung trước đây trái với {ctx.own_kind.lower()} này."
        if cue in ("theo", "theo tinh thần", "gắn với thực hiện", ""):
            tail = f"{cue} {ref}" if cue else f"({ref})"
            return f"{_cap(subj)} {rng.choice(VERBS)} {rng.choice(TOPICS)} {tail}."
        if cue[0].isupper():
            return f"{cue} {ref}, {subj} {rng.choice(VERBS)} {rng.choice(TOPICS)}."
        return (f"{_cap(subj)} {rng.choice(['cần', 'tập trung', 'chủ động', 'khẩn trương'])} "
                f"{cue} {ref}, {rng.choice(ADJUNCTS)}.")
    if r < 0.85:
        ref = _bare_ref(ctx)
        return rng.choice([
            f"Sau {rng.randint(2, 10)} năm thực hiện {ref}, {rng.choice(SUBJECTS)} đã có nhiều chuyển biến.",
            f"Việc triển khai {ref} được {rng.choice(SUBJECTS)} quan tâm chỉ đạo.",
            f"{_cap(rng.choice(SUBJECTS))} tiếp tục quán triệt {ref} {rng.choice(ADJUNCTS)}.",
            f"Nội dung của {ref} được đưa vào sinh hoạt chi bộ định kỳ.",
        ])
    if r < 0.97:
        ref = _state_ref(ctx)
        return rng.choice([
            f"Thực hiện đúng {ref}, {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)}.",
            f"Căn cứ {ref};",
            f"{_cap(rng.choice(SUBJECTS))} rà soát các thủ tục theo {ref}.",
        ])
    return f"Phối hợp thực hiện {_other_ref(ctx)} trong đoàn viên, thanh niên."


def _assignment(ctx: _Ctx) -> str:
    rng = ctx.rng
    orgs = ORGS_DIST if ctx.level == "district" else ORGS_PROV
    a, b = rng.sample(orgs, 2)
    rep, via = rng.choice(REPORT_TO)
    y, m, d = ctx.year, rng.randint(1, 12), rng.randint(1, 28)
    forms = [
        f"Giao {a} chủ trì, phối hợp với {b} {rng.choice(TASKS)}; báo cáo gửi về {rep} (qua {via}) "
        f"trước {_fmt_date(rng, y, m, d)}.",
        f"{a} chủ trì, phối hợp với {b} {rng.choice(TASKS)}, hoàn thành trước {_fmt_date(rng, y, m, d)}.",
        f"Đề nghị {a} {rng.choice(TASKS)}; định kỳ báo cáo {rep}.",
        f"Yêu cầu {a} triển khai thực hiện nghiêm túc; kết quả báo cáo về {rep} (qua {via}) "
        f"trước {_fmt_date(rng, y, m, d)}.",
        f"Giao {a} {rng.choice(TASKS)}.",
    ]
    return rng.choice(forms)


def _header(ctx: _Ctx, own: _Doc) -> list[str]:
    rng = ctx.rng
    lines = ["ĐẢNG CỘNG SẢN VIỆT NAM" if rng.random() < 0.6 else f"ĐẢNG BỘ TỈNH {ctx.province.upper()}"]
    if ctx.level == "district":
        lines.append(f"HUYỆN ỦY {ctx.district.upper()}")
    else:
        lines.append(f"TỈNH ỦY {ctx.province.upper()}" if rng.random() < 0.8 else "TỈNH ỦY")
    lines.append("*")
    lines.append(f"{rng.choice(['Số ', 'Số: ', 'Số '])}{_code_surface(rng, own)}")
    place = ctx.district if ctx.level == "district" else ctx.province
    lines.append(f"{place}, ngày {own.day:02d} tháng {own.month:02d} năm {own.year}")
    lines.append("")
    lines.append(own.kind.upper())
    return lines


def _own_doc(ctx: _Ctx) -> _Doc:
    rng = ctx.rng
    issuer = "HU" if ctx.level == "district" else "TU"
    kinds = [t for t in PARTY_TYPES if t[1] in {"KH", "CTr", "NQ", "KL", "BC", "HD", "QĐ", "CT", "TB"}]
    kind, code, _ = _weighted(rng, kinds)
    y, m, d = ctx.year, rng.randint(1, 12), rng.randint(1, 28)
    n = rng.randint(1, 400)
    body = "Ban Thường vụ Huyện ủy" if issuer == "HU" else "Ban Thường vụ Tỉnh ủy"
    return _Doc(kind, code, n, issuer, f"{n}-{code}/{issuer}", y, m, d, body)


def make_text(rng: random.Random, target_chars: int) -> tuple[str, list[str]]:
    """One synthetic document of about ``target_chars`` characters and the Party keys planted in it."""
    level = "district" if rng.random() < 0.3 else "province"
    ctx = _Ctx(rng=rng, province=rng.choice(PROVINCES),
               district=rng.choice(DISTRICT_NAMES) if level == "district" else None,
               level=level, year=rng.randint(2012, 2025))
    own = _own_doc(ctx)
    ctx.own_kind = own.kind
    ctx.keys.add(own.key)
    lines = _header(ctx, own)
    # title: what the document does, usually citing its parent
    cue = rng.choice(["thực hiện", "triển khai thực hiện", "sơ kết 5 năm thực hiện",
                      "tổng kết 10 năm thực hiện", "về tiếp tục thực hiện", "về"])
    if cue == "về":
        lines.append("về " + rng.choice(TOPICS))
    else:
        lines.append(f"{cue} {_party_ref(ctx)}")
    lines.append("-----")
    lines.append("")
    lines.append(_citing_sentence(ctx) if rng.random() < 0.7 else _prose(ctx))

    size = sum(len(x) + 1 for x in lines)
    sections = rng.choice(HEADINGS)
    per_section = max(1, target_chars // len(sections))
    for si, heading in enumerate(sections):
        lines.append("")
        lines.append(heading)
        size += len(heading) + 2
        budget = size + per_section
        item = 0
        while size < budget:
            item += 1
            para: list[str] = []
            for _ in range(rng.randint(1, 4)):
                r = rng.random()
                if si == len(sections) - 1 and r < 0.35:
                    para.append(_assignment(ctx))
                elif r < 0.47:
                    para.append(_citing_sentence(ctx))
                else:
                    para.append(_prose(ctx))
            lead = rng.choice([f"{item}. ", "- ", f"{item}. ", "", "+ "])
            text = lead + " ".join(para)
            lines.append(text)
            size += len(text) + 1
    lines.append("")
    lines.append(rng.choice(CLOSING_LINES).format(kind=own.kind))
    lines.append("")
    lines.append("Nơi nhận:")
    lines.extend(rng.sample(RECIPIENTS, rng.randint(2, 5)))
    lines.append("")
    lines.extend(rng.choice(SIGNATURES))
    lines.append("(Đã ký)")
    return "\n".join(lines) + "\n", sorted(ctx.keys)


def iter_texts(mb: float = 50, seed: int = DEFAULT_SEED) -> Iterator[tuple[str, str, list[str]]]:
    """Yield ``(name, text, planted_party_keys)`` until about ``mb`` × 10^6 UTF-8 bytes are produced."""
    rng = random.Random(seed)
    target = int(mb * MB)
    produced = 0
    i = 0
    while produced < target:
        i += 1
        # most texts are a few KB; a few long reports run to tens of KB
        chars = int(min(90_000, max(700, rng.lognormvariate(8.4, 0.7))))
        text, keys = make_text(rng, chars)
        produced += len(text.encode("utf-8"))
        yield f"synth-{i:05d}.txt", text, keys


def write_corpus(out_dir: Path = DEFAULT_DIR, mb: float = 50, seed: int = DEFAULT_SEED,
                 force: bool = False) -> list[Path]:
    """Write the corpus (one text per file) plus ``manifest.json`` and ``keys.jsonl``.

    An existing corpus with the same parameters and generator version is reused unless ``force``.
    """
    out_dir = Path(out_dir)
    manifest_path = out_dir / "manifest.json"
    want = {"generator_version": GENERATOR_VERSION, "mb": mb, "seed": seed}
    if not force and manifest_path.exists():
        try:
            have = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            have = {}
        if all(have.get(k) == v for k, v in want.items()):
            files = [out_dir / f for f in have.get("files", [])]
            if files and all(f.exists() for f in files):
                return files
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    files: list[Path] = []
    total = 0
    with open(out_dir / "keys.jsonl", "w", encoding="utf-8") as keys_out:
        for name, text, keys in iter_texts(mb, seed):
            p = out_dir / name
            data = text.encode("utf-8")
            p.write_bytes(data)
            total += len(data)
            files.append(p)
            keys_out.write(json.dumps({"file": name, "keys": keys}, ensure_ascii=False) + "\n")
    manifest = dict(want, bytes=total, texts=len(files), files=[f.name for f in files])
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return files


def density(texts) -> tuple[int, int, float]:
    """(chars, numbered citations, chars per citation) over ``texts`` — a rough regex count."""
    import re
    pat = re.compile(r"\d+\s*[-–/]?\s*(?:[A-ZĐa-zđ]{1,5}i?)\s*[-/]\s*[A-ZĐƯ.a-zư]{1,12}\d*")
    chars = cites = 0
    for t in texts:
        chars += len(t)
        cites += len(pat.findall(t))
    return chars, cites, chars / max(cites, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50, help="corpus size in 10^6 bytes of UTF-8 (default 50)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_DIR, help="output folder (default benchmarks/synthetic)")
    ap.add_argument("--force", action="store_true", help="regenerate even if a matching corpus exists")
    ap.add_argument("--sample", type=int, metavar="N", help="print text number N to stdout and exit")
    args = ap.parse_args(argv)
    if args.sample is not None:
        for i, (name, text, keys) in enumerate(iter_texts(args.mb, args.seed), 1):
            if i == args.sample:
                sys.stdout.write(text)
                print("# planted keys:", ", ".join(keys), file=sys.stderr)
                return 0
        return 1
    files = write_corpus(args.out, args.mb, args.seed, args.force)
    total = sum(f.stat().st_size for f in files)
    print(f"synthetic corpus: {len(files)} texts, {total / MB:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
