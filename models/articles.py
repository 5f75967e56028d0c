"""Penal Code (BLHS 2015) articles that border-zone police meet most, for choosing in forms.

Articles are strings ("256a" came in 2025); a case may cite an article not listed here.
"""

ARTICLES: dict[str, str] = {
    "123": "Giết người",
    "128": "Vô ý làm chết người",
    "134": "Cố ý gây thương tích hoặc gây tổn hại cho sức khỏe của người khác",
    "141": "Hiếp dâm",
    "142": "Hiếp dâm người dưới 16 tuổi",
    "146": "Dâm ô đối với người dưới 16 tuổi",
    "150": "Mua bán người",
    "155": "Làm nhục người khác",
    "157": "Bắt, giữ hoặc giam người trái pháp luật",
    "168": "Cướp tài sản",
    "169": "Bắt cóc nhằm chiếm đoạt tài sản",
    "170": "Cưỡng đoạt tài sản",
    "171": "Cướp giật tài sản",
    "172": "Công nhiên chiếm đoạt tài sản",
    "173": "Trộm cắp tài sản",
    "174": "Lừa đảo chiếm đoạt tài sản",
    "175": "Lạm dụng tín nhiệm chiếm đoạt tài sản",
    "178": "Hủy hoại hoặc cố ý làm hư hỏng tài sản",
    "190": "Sản xuất, buôn bán hàng cấm",
    "191": "Tàng trữ, vận chuyển hàng cấm",
    "201": "Cho vay lãi nặng trong giao dịch dân sự",
    "242": "Hủy hoại nguồn lợi thủy sản",
    "248": "Sản xuất trái phép chất ma túy",
    "249": "Tàng trữ trái phép chất ma túy",
    "250": "Vận chuyển trái phép chất ma túy",
    "251": "Mua bán trái phép chất ma túy",
    "255": "Tổ chức sử dụng trái phép chất ma túy",
    "256": "Chứa chấp việc sử dụng trái phép chất ma túy",
    "256a": "Sử dụng trái phép chất ma túy",
    "260": "Vi phạm quy định về tham gia giao thông đường bộ",
    "304": "Chế tạo, tàng trữ, vận chuyển, sử dụng, mua bán trái phép vũ khí quân dụng",
    "306": "Chế tạo, tàng trữ, vận chuyển, sử dụng, mua bán trái phép vũ khí thô sơ",
    "318": "Gây rối trật tự công cộng",
    "321": "Đánh bạc",
    "322": "Tổ chức đánh bạc hoặc gá bạc",
    "323": "Chứa chấp hoặc tiêu thụ tài sản do người khác phạm tội mà có",
    "327": "Chứa mại dâm",
    "328": "Môi giới mại dâm",
    "330": "Chống người thi hành công vụ",
    "341": "Làm giả con dấu, tài liệu của cơ quan, tổ chức",
}


def article_label(article: str, clause: str | None = None) -> str:
    """'Điều 173 khoản 1 — Trộm cắp tài sản'."""
    text = f"Điều {article}" + (f" khoản {clause}" if clause else "")
    name = ARTICLES.get(article)
    return f"{text} — {name}" if name else text
