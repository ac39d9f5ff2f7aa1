"""The return PDF's trend chart: no label is ever drawn over another (once `9%` sat on `7`: `9%7`)."""
import pytest
from reportlab.graphics.shapes import Group, String, UserNode, mmult
from reportlab.pdfbase.pdfmetrics import stringWidth

from tuoyu_desktop.reports.document import make_styles
from tuoyu_desktop.reports.monthly_pdf import trend_chart


def label_boxes(drawing):
    """(text, x0, y0, x1, y1) of every string the drawing paints, in drawing coordinates."""
    boxes = []

    def walk(node, matrix):
        if isinstance(node, UserNode):  # a widget (the bar labels are Label widgets): what it draws
            walk(node.provideNode(), matrix)
        elif isinstance(node, Group):
            inner = mmult(matrix, node.transform)
            for child in node.contents:
                walk(child, inner)
        elif isinstance(node, String) and node.text.strip():
            width = stringWidth(node.text, node.fontName, node.fontSize)
            left = node.x - {"start": 0, "middle": width / 2, "end": width}.get(node.textAnchor, 0)
            corners = [(left, node.y - 0.2 * node.fontSize), (left + width, node.y + 0.9 * node.fontSize)]
            a, b, c, d, e, f = matrix
            (x0, y0), (x1, y1) = [(a * px + c * py + e, b * px + d * py + f) for px, py in corners]
            boxes.append((node.text, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    walk(drawing, (1, 0, 0, 1, 0, 0))
    return boxes


def overlaps(boxes):
    return [(p[0], q[0]) for i, p in enumerate(boxes) for q in boxes[i + 1:]
            if p[1] < q[3] and q[1] < p[3] and p[2] < q[4] and q[2] < p[4]]


MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


@pytest.mark.parametrize("enrolled, rates", [
    ([0, 0, 0, 7, 10, 12, 17, 23, 33, 39, 52, 52], [0, 0, 0, 9, 13, 15, 22, 30, 42, 50, 67, 67]),  # the demo: 9%7
    ([50] * 12, [83.3] * 12),  # the rate line runs exactly through the bars' tops
    ([100, 1, 100, 1, 100, 1, 100, 1, 100, 1, 100, 1], [100, 1, 100, 1, 100, 1, 100, 1, 100, 1, 100, 1]),
    ([999] * 12, [100.0] * 12),
])
def test_trend_chart_labels_never_overlap(enrolled, rates):
    fonts = make_styles().fonts
    drawing = trend_chart([[m, e, r] for m, e, r in zip(MONTHS, enrolled, rates)], fonts)
    boxes = label_boxes(drawing)
    texts = [b[0] for b in boxes]
    assert str(enrolled[3]) in texts and f"{rates[3]:.0f}%" in texts and "04月" in texts  # all still shown
    assert overlaps(boxes) == []
    assert all(0 <= b[1] and b[3] <= drawing.width and 0 <= b[2] and b[4] <= drawing.height for b in boxes)
