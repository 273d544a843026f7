#!/usr/bin/env python3
"""Writes Samples/documents/: a small folder of Vietnamese documents written for this project
(no corpus text), in the encodings and formats real folders contain. Used by `vnsearch demo`
and the end-to-end tests.

Run: python3 Tools/make-samples.py
"""
import os
import subprocess
import unicodedata

DOCS = {
    "xay-dung-dang.txt": ("nfc", """Xây dựng Đảng trong sạch, vững mạnh

Hội nghị cán bộ toàn tỉnh hôm qua bàn về công tác xây dựng Đảng và hệ thống chính trị. \
Các đại biểu đang thảo luận nghị quyết 37-NQ/TW, ban hành ngày 31/8/2016, về sắp xếp bộ máy. \
Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 85,94%, cao hơn năm trước. \
Đồng chí Bí thư nhấn mạnh: đáng quý nhất là sự đoàn kết, thống nhất trong toàn Đảng bộ.
"""),
    "thuy-dien-hoa-binh.txt": ("nfd", """Thuỷ điện Hoà Bình mùa lũ

Nhà máy thuỷ điện Hoà Bình là công trình lớn trên sông Đà. Mùa lũ năm nay, hồ chứa tích nước \
sớm hơn dự kiến. Các kỹ sư túc trực ngày đêm để vận hành cửa xả an toàn. \
Người dân vùng hạ du được thông báo lịch xả lũ qua loa phát thanh và tin nhắn điện thoại.
"""),
    "ky-thuat-nong-nghiep.txt": ("cp1258", """Kĩ thuật trồng lúa tiết kiệm nước

Ở đồng bằng sông Cửu Long, nông dân áp dụng kĩ thuật tưới ngập khô xen kẽ. \
Cách làm này giảm lượng nước tưới, giảm phát thải khí nhà kính mà năng suất lúa vẫn ổn định. \
Cán bộ khuyến nông hướng dẫn bà con theo dõi mực nước bằng ống nhựa đục lỗ đặt trong ruộng.
"""),
    "suc-khoe-mua-he.txt": ("utf16le", """Giữ gìn sức khoẻ trong mùa hè

Nắng nóng kéo dài khiến nhiều người mệt mỏi, mất nước. Bác sĩ khuyên nên uống đủ nước, \
ăn nhiều rau quả và hạn chế ra đường vào buổi trưa. Trẻ nhỏ và người cao tuổi cần được chăm sóc \
đặc biệt. Khi thấy chóng mặt, buồn nôn, hãy nghỉ ngơi ở nơi thoáng mát và đến cơ sở y tế gần nhất.
"""),
    "bong-da.md": ("utf8bom", """# Đội tuyển bóng đá giành chiến thắng

Tối qua, đội tuyển Việt Nam thắng 2-1 trong trận đấu giao hữu. Huấn luyện viên khen ngợi tinh thần \
thi đấu của các cầu thủ trẻ. Người hâm mộ đổ ra đường ăn mừng, cờ đỏ sao vàng rợp trời Hà Nội.
"""),
    "cong-nghe.html": ("html", """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Chuyển đổi số ở doanh nghiệp nhỏ</title>
<style>body { font-family: serif; }</style><script>var x = "không tìm thấy chữ này";</script></head>
<body><h1>Chuyển đổi số ở doanh nghiệp nhỏ</h1>
<p>Nhiều công ty nhỏ đã đưa phần mềm quản lý bán hàng vào sử dụng. Chi phí thấp, dễ học &amp; \
tiết kiệm thời gian là những lý do chính.</p>
<p>Tuy vậy, việc bảo mật dữ liệu khách hàng vẫn là thách thức lớn. Các chuyên gia khuyên doanh nghiệp \
đào tạo nhân viên về an toàn thông tin.</p></body></html>
"""),
    "lich-su-dia-ly.txt": ("utf8crlf", """Quê hương Mỹ Tho

Mỹ Tho nằm bên bờ sông Tiền, nổi tiếng với vườn cây trái và chợ nổi. Du khách đến đây thường đi \
thuyền qua các cù lao, thưởng thức trái cây và nghe đờn ca tài tử. Ông bà ta kể rằng vùng đất này \
được khai phá từ hơn ba trăm năm trước.
"""),
    # A pre-Unicode office document: RTF whose text runs are TCVN3 bytes shown through the .VnTime
    # font, as Vietnamese offices wrote them before ~2005 (TCVN3 has no accented capitals).
    "quyet-dinh-1999.rtf": ("rtf-tcvn3", """Quyết định số 15/1999 về việc thành lập trường trung học cơ sở Hoà Bình
Điều 1. thành lập trường trung học cơ sở xã Hoà Bình, huyện Trường Sơn, trên cơ sở tách từ trường phổ thông cơ sở xã.
Điều 2. trường có nhiệm vụ giảng dạy chương trình trung học cơ sở và nâng cao chất lượng giáo dục cho học sinh trong xã.
"""),
}

def tcvn3(text):
    # glibc's TCVN5712-1 writes lower-case letters and Ă Â Ê Ô Ơ Ư Đ as TCVN3 (ABC) does.
    return subprocess.run(["iconv", "-f", "utf-8", "-t", "TCVN5712-1"], input=unicodedata.normalize("NFC", text).encode("utf-8"),
                          check=True, capture_output=True).stdout

def rtf_tcvn3(text):
    body = "".join("\\'%02x" % b if b >= 0x80 else chr(b) for b in tcvn3(text)).replace("\n", "\\par\n")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil .VnTime;}{\\f1\\fnil Times New Roman;}}\n"
            "\\f0\\fs26 " + body + "}\n").encode("ascii")

def cp1258(text):
    # Windows-1258 writes base letters (incl. â ê ô ă ơ ư đ) precomposed and tones as combining
    # bytes, so decompose the tones only, then encode.
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in "\u0300\u0301\u0303\u0309\u0323"))
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258")

def main():
    folder = os.path.join(os.path.dirname(__file__), "..", "Samples", "documents")
    os.makedirs(folder, exist_ok=True)
    for name, (form, text) in DOCS.items():
        if form == "nfc" or form == "html":
            data = unicodedata.normalize("NFC", text).encode("utf-8")
        elif form == "nfd":
            data = unicodedata.normalize("NFD", text).encode("utf-8")
        elif form == "cp1258":
            data = cp1258(text)
        elif form == "utf16le":
            data = b"\xff\xfe" + unicodedata.normalize("NFC", text).encode("utf-16-le")
        elif form == "utf8bom":
            data = b"\xef\xbb\xbf" + unicodedata.normalize("NFC", text).encode("utf-8")
        elif form == "rtf-tcvn3":
            data = rtf_tcvn3(text)
        elif form == "utf8crlf":
            data = unicodedata.normalize("NFC", text).replace("\n", "\r\n").encode("utf-8")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    print("wrote", len(DOCS), "documents to", os.path.normpath(folder))

main()
