#!/usr/bin/env python3
"""Writes Tests/Fixtures: small legacy-encoded documents made from Vietnamese text written for
this project (no corpus text), laid out as the shared corpus's `legacy/` folder is, so that one
reader serves both (`Tests/TestSupport/LegacyCollection.swift`):

  legacy/MANIFEST.tsv                  file, role, encoding
  legacy/tcvn3/NAME.tcvn3.txt          the text layer in TCVN3 (ABC) bytes, from glibc iconv
  legacy/tcvn3/NAME.{rtf,doc,docx}     that layer in a `.VnTime` document of each format
  legacy/vni/NAME.vni.txt, .rtf, ...   the same for VNI-Windows (`VNI-Times`)
  legacy/tcvn3-vni/NAME.tcvn3-vni.txt  TCVN3 paragraphs, then VNI ones, in one file
  legacy/synthetic/NAME.{cp1258,viscii}.txt   Windows-1258 and VISCII, from glibc iconv
  legacy/*/NAME.utf8.txt               the NFC transcript each layer must decode to
  pdf/NAME.pdf, NAME.utf8.txt          a PDF whose text pdftotext gives back

The bytes come from outside the Swift decoders on purpose: iconv for TCVN3, VISCII and
Windows-1258, and for VNI the encoder below, written from the VNI-Windows layout (iconv has no
VNI). A table error shared by the Swift encoders the tests use and the decoders cannot hide here.

Run: python3 Tools/make-legacy-fixtures.py   (needs iconv; the output is deterministic)
"""
import os
import subprocess
import unicodedata
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")

# TCVN3 (VN3) has no accented capitals: real documents typed headings in lower case under an
# `.VnTimeH` font, which draws them as capitals. So these texts use capitals only where VN3
# has them (unaccented letters and Ă Â Ê Ô Ơ Ư Đ).
TCVN3_ALPHABET = (
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị "
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ Ă Â Ê Ô Ơ Ư Đ"
)
FULL_ALPHABET = TCVN3_ALPHABET + " " + " ".join(
    c.upper() for c in TCVN3_ALPHABET.split(" ") if c.upper() not in "ĂÂÊÔƠƯĐ")

LIBRARY = """quyết định số 27/QĐ-THCS về việc ban hành nội quy thư viện trường
Căn cứ điều lệ trường trung học cơ sở; xét đề nghị của tổ thư viện, hiệu trưởng quyết định:
Điều 1. Ban hành kèm theo quyết định này nội quy thư viện trường trung học cơ sở Tân Phú.
Điều 2. Học sinh mượn sách phải xuất trình thẻ thư viện; mỗi lần mượn không quá ba cuốn và trả trong mười lăm ngày.
Điều 3. Giáo viên chủ nhiệm nhắc nhở học sinh giữ gìn sách, không viết, vẽ hoặc làm rách trang.
Điều 4. Quyết định có hiệu lực kể từ ngày ký. Tổ văn phòng, tổ thư viện và các lớp chịu trách nhiệm thi hành.
Bảng chữ: """ + TCVN3_ALPHABET + "\n"

VACCINATION = """Thông báo về việc tổ chức tiêm chủng mở rộng tại trạm y tế xã
Ủy ban nhân dân xã Phước Hưng thông báo đến toàn thể nhân dân trong xã như sau:
1. Thời gian tiêm: từ ngày 12 đến ngày 14 tháng 3, buổi sáng từ 7 giờ đến 11 giờ.
2. Đối tượng: trẻ em dưới năm tuổi chưa tiêm đủ mũi và phụ nữ đang mang thai.
3. Khi đi tiêm, phụ huynh mang theo sổ tiêm chủng và giấy khai sinh của trẻ.
Mọi thắc mắc xin liên hệ cán bộ y tế thôn hoặc gọi điện thoại cho trạm. Ấp Bắc, Ỷ Lan, Ở Đâu, Ữ.
Bảng chữ: """ + FULL_ALPHABET + "\n"

STORM = """Mùa mưa bão năm nay đến sớm ở miền Trung
Ông Nguyễn Văn Hải, trưởng ban chỉ huy phòng chống thiên tai tỉnh, cho biết đã có kế hoạch sơ tán hơn ba nghìn hộ dân ven biển.
Ở những vùng trũng, lực lượng xung kích túc trực suốt đêm; thuyền, áo phao và lương thực được chuẩn bị sẵn.
Ủy ban nhân dân các huyện phải báo cáo tình hình trước 17 giờ hằng ngày. Ẩn Ỵ Ễ Ợ Ự Ằ Ẳ Ẵ Ặ.
Bảng chữ: """ + FULL_ALPHABET + "\n"

# The TCVN3 part of the mixed file, then the VNI part (as an office that changed fonts wrote).
MIXED_TCVN3 = """biên bản họp tổ chuyên môn toán
Thời gian: 14 giờ ngày 5 tháng 10. Địa điểm: phòng họp tổ.
Nội dung: rà soát kế hoạch dạy học và đề kiểm tra giữa kỳ của khối tám.
"""
MIXED_VNI = """Ý kiến của các thành viên
Cô Lê Thị Hồng đề nghị bổ sung bài tập vận dụng thực tế vào đề kiểm tra.
Thầy Phạm Quốc Việt phụ trách tổng hợp ý kiến và gửi ban giám hiệu trước thứ sáu.
"""

REPORT = """Báo cáo tổng kết năm học của trường tiểu học Hòa Thuận
Năm học vừa qua, nhà trường có 24 lớp với 812 học sinh; tỉ lệ học sinh hoàn thành chương trình đạt 99,2%.
Thư viện được bổ sung hơn bốn trăm đầu sách, phòng tin học có thêm hai mươi máy tính mới.
Những việc cần làm năm tới: sửa chữa dãy phòng học cũ, tăng cường dạy bơi và kỹ năng sống cho học sinh.
"""


def nfc(text):
    return unicodedata.normalize("NFC", text)


def iconv(text, encoding):
    # No -c: a character the encoding lacks is an error here, not a silent gap in the fixture.
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding], input=nfc(text).encode("utf-8"),
                          check=True, capture_output=True).stdout


# VNI-Windows: a base letter, then at most one mark byte carrying the vowel mark and the tone;
# ơ, ư, đ, and i and ỵ with their tones are single bytes. Tones in the order huyền, sắc, hỏi, ngã,
# nặng. Mark bytes follow the letter's case.
VNI_TONE = {"lower": "øùûõï", "upper": "ØÙÛÕÏ"}
VNI_CIRCUMFLEX = {"lower": ("â", "àáåãä"), "upper": ("Â", "ÀÁÅÃÄ")}
VNI_BREVE = {"lower": ("ê", "èéúüë"), "upper": ("Ê", "ÈÉÚÜË")}
VNI_I = {"lower": "ìíæóò", "upper": "ÌÍÆÓÒ"}
TONES = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def vni_char(ch):
    if ch == "đ":
        return "ñ"
    if ch == "Đ":
        return "Ñ"
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if base.lower() not in "aeiouy" or not marks:
        return ch
    case = "upper" if base.isupper() else "lower"
    tone = next((TONES.index(m) for m in marks if m in TONES), None)
    vowel = "".join(m for m in marks if m not in TONES)
    if vowel == "\u031b":  # horn: ơ and ư are letters of their own
        letter = {"o": "ô", "u": "ö"}[base.lower()]
        letter = letter.upper() if case == "upper" else letter
        return letter + ("" if tone is None else VNI_TONE[case][tone])
    if vowel == "\u0302":
        plain, toned = VNI_CIRCUMFLEX[case]
        return base + (plain if tone is None else toned[tone])
    if vowel == "\u0306":
        plain, toned = VNI_BREVE[case]
        return base + (plain if tone is None else toned[tone])
    assert vowel == "", ch
    if base.lower() == "i":
        return VNI_I[case][tone]
    if base.lower() == "y" and tone == 4:
        return "Î" if case == "upper" else "î"
    return base + VNI_TONE[case][tone]


def vni(text):
    return "".join(vni_char(ch) for ch in nfc(text)).encode("cp1252")


def rtf(layer, font):
    """An RTF document as Word 97 wrote legacy text: the bytes as \\'xx escapes under the font."""
    body = "".join("\\'%02x" % b if b >= 0x80 else "\\" + chr(b) if chr(b) in "\\{}" else chr(b) for b in layer)
    paragraphs = body.rstrip("\n").split("\n")
    text = "".join("\\pard\\plain \\f1\\fs26 " + p + "\\par\n" for p in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}"
            "{\\f1\\froman\\fcharset0 " + font + ";}}\n"
            "{\\info{\\author To van phong}}\n" + text + "}\n").encode("ascii")


def docx(layer, font):
    """A .docx whose runs hold the legacy bytes as the Windows-1252 characters Word shows."""
    def escape(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paragraphs = layer.decode("cp1252").rstrip("\n").split("\n")
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(p) for p in paragraphs)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>',
        "word/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
            '<w:rFonts w:ascii="%s" w:hAnsi="%s"/></w:rPr></w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '</w:styles>' % (w, font, font),
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (w, body),
    }
    path = os.path.join("/tmp", "vietsearch-fixture-%d.docx" % os.getpid())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(parts):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def le16(value):
    return value.to_bytes(2, "little")


def le32(value):
    return value.to_bytes(4, "little")


def word97(layer):
    """A minimal Word 97 .doc: a compound file with a `WordDocument` stream (a FIB, then the text
    as one 8-bit piece, paragraphs ending in 0x0D) and a `1Table` stream with the piece table."""
    text = layer.replace(b"\n", b"\r")
    fib_size = 0x22 + 2 * 14 + 2 + 4 * 22 + 2 + 8 * 93
    word = bytearray(fib_size)
    word[0:2] = le16(0xA5EC)
    word[2:4] = le16(193)  # nFib of Word 97
    word[0x0A:0x0C] = le16(0x0200)  # fWhichTblStm: the table stream is 1Table
    word[0x20:0x22] = le16(14)  # csw
    word[0x22 + 28:0x22 + 30] = le16(22)  # cslw
    pairs_at = 0x22 + 28 + 2 + 88 + 2
    word[pairs_at - 2:pairs_at] = le16(93)  # cbRgFcLcb
    start = len(word)
    word += text
    word[0x22 + 28 + 2 + 12:0x22 + 28 + 2 + 16] = le32(len(text))  # ccpText
    # The piece table (Pcdt): character positions 0 and n, one descriptor whose fc, with bit 30
    # set, is twice the byte offset of 8-bit text.
    plc = le32(0) + le32(len(text)) + b"\0\0" + le32(start * 2 | 0x4000_0000) + b"\0\0"
    table = bytes([0x02]) + le32(len(plc)) + plc
    word[pairs_at + 33 * 8:pairs_at + 33 * 8 + 4] = le32(0)  # fcClx
    word[pairs_at + 33 * 8 + 4:pairs_at + 33 * 8 + 8] = le32(len(table))  # lcbClx
    # Streams under 4096 bytes would belong in the mini stream: pad them past it.
    word += bytes(max(0, 4096 - len(word)))
    table += bytes(max(0, 4096 - len(table)))
    return compound_file([("WordDocument", bytes(word)), ("1Table", table)])


def compound_file(streams):
    """A version-3 compound file: header, one FAT sector, one directory sector, the streams."""
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # the FAT itself, the directory
    starts, data = [], b""
    for _, stream in streams:
        sectors = (len(stream) + 511) // 512
        starts.append(len(fat))
        for index in range(sectors):
            fat.append(0xFFFFFFFE if index == sectors - 1 else len(fat) + 1)
        data += stream + bytes(sectors * 512 - len(stream))
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    header[0x18:0x20] = bytes([0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0])
    header[0x20] = 6
    header[0x2C:0x30] = le32(1)  # one FAT sector
    header[0x30:0x34] = le32(1)  # the directory starts at sector 1
    header[0x38:0x3C] = le32(4096)  # mini stream cutoff
    header[0x3C:0x40] = le32(0xFFFFFFFE)
    header[0x44:0x48] = le32(0xFFFFFFFE)
    for slot in range(109):
        header[0x4C + 4 * slot:0x50 + 4 * slot] = le32(0 if slot == 0 else 0xFFFFFFFF)

    def entry(name, kind, right, child, start, size):
        units = name.encode("utf-16-le") + b"\0\0"
        e = bytearray(128)
        e[0:len(units)] = units
        e[0x40:0x42] = le16(len(units))
        e[0x42] = kind
        e[0x44:0x48] = le32(0xFFFFFFFF)
        e[0x48:0x4C] = le32(right)
        e[0x4C:0x50] = le32(child)
        e[0x74:0x78] = le32(start)
        e[0x78:0x7C] = le32(size)
        return bytes(e)

    directory = entry("Root Entry", 5, 0xFFFFFFFF, 1, 0xFFFFFFFE, 0)
    for index, (name, stream) in enumerate(streams):
        right = index + 2 if index + 1 < len(streams) else 0xFFFFFFFF
        directory += entry(name, 2, right, 0xFFFFFFFF, starts[index], len(stream))
    directory += bytes(512 - len(directory))
    return bytes(header) + b"".join(le32(v) for v in fat) + directory + data


def pdf(text):
    """A one-page PDF showing `text` in Helvetica: each distinct non-ASCII character gets a byte
    code from 0x80 up, and a ToUnicode map says which character each code is (what pdftotext
    reads; no glyphs are needed for that)."""
    codes = {}
    for ch in sorted(set(nfc(text)) - set(chr(c) for c in range(128))):
        codes[ch] = 0x80 + len(codes)
    assert len(codes) <= 128

    def encode(line):
        out = ""
        for ch in line:
            if ch in codes:
                out += "\\%03o" % codes[ch]
            elif ch in "()\\":
                out += "\\" + ch
            else:
                out += ch
        return out

    lines = nfc(text).rstrip("\n").split("\n")
    content = "BT /F1 11 Tf 50 800 Td 16 TL " + "".join("(%s) Tj T* " % encode(l) for l in lines) + "ET"
    cmap_entries = "".join("<%02X> <%04X>\n" % (code, ord(ch)) for ch, code in sorted(codes.items(), key=lambda x: x[1]))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            "%d beginbfchar\n%sendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
            % (len(codes), cmap_entries))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (number, body)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode("ascii")
    for offset in offsets:
        out += ("%010d 00000 n \n" % offset).encode("ascii")
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)).encode("ascii")
    return out


def write(relative, data):
    path = os.path.join(ROOT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else nfc(data).encode("utf-8"))


def main():
    manifest = [("file", "role", "encoding")]

    def layer(relative, data, encoding, transcript):
        write("legacy/" + relative, data)
        manifest.append((relative, "plain text layer, legacy bytes", encoding))
        stem = relative.rsplit(".", 2)[0]
        write("legacy/" + stem + ".utf8.txt", transcript)
        if (stem + ".utf8.txt", "UTF-8 transcript (NFC)", "utf-8") not in manifest:
            manifest.append((stem + ".utf8.txt", "UTF-8 transcript (NFC)", "utf-8"))

    def documents(stem, data, encoding, font):
        for extension, content in (("rtf", rtf(data, font)), ("doc", word97(data)), ("docx", docx(data, font))):
            write("legacy/%s.%s" % (stem, extension), content)
            manifest.append(("%s.%s" % (stem, extension), "document, font " + font, encoding))

    library = iconv(LIBRARY, "TCVN5712-1")
    layer("tcvn3/noi-quy-thu-vien.tcvn3.txt", library, "tcvn3", LIBRARY)
    documents("tcvn3/noi-quy-thu-vien", library, "tcvn3", ".VnTime")
    vaccination = vni(VACCINATION)
    layer("vni/tiem-chung.vni.txt", vaccination, "vni", VACCINATION)
    documents("vni/tiem-chung", vaccination, "vni", "VNI-Times")
    layer("tcvn3-vni/bien-ban-hop-to.tcvn3-vni.txt", iconv(MIXED_TCVN3, "TCVN5712-1") + vni(MIXED_VNI),
          "tcvn3+vni", MIXED_TCVN3 + MIXED_VNI)
    layer("synthetic/mua-bao.cp1258.txt", iconv(STORM, "CP1258"), "cp1258", STORM)
    layer("synthetic/mua-bao.viscii.txt", iconv(STORM, "VISCII"), "viscii", STORM)
    write("legacy/MANIFEST.tsv", "".join("\t".join(row) + "\n" for row in manifest))

    write("pdf/bao-cao-nam-hoc.pdf", pdf(REPORT))
    write("pdf/bao-cao-nam-hoc.utf8.txt", REPORT)
    print("wrote", len(manifest) + 1, "files to", os.path.normpath(ROOT))


if __name__ == "__main__":
    main()
