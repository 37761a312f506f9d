"""Draw static/img/social-card.png: the site's default Open Graph image (1200 x 630 PNG).

Link previews need a raster image and the logo is an SVG, so the mark from
static/img/logo.svg is redrawn here with Pillow at card size, beside the site's name. Run it
again after the logo changes: ``.venv/bin/python scripts/make_social_card.py``.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
TEAL, WHITE, YELLOW = "#0f5465", "#ffffff", "#f2c14e"
BACKGROUND = "#f4f7f8"
TEXT = "#0b2a33"
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "social-card.png"


def font(size):
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def draw_mark(draw, left, top, size):
    """The logo's mark (a 48-unit square in logo.svg) scaled to ``size`` pixels."""
    unit = size / 48

    def point(x, y):
        return (left + x * unit, top + y * unit)

    draw.rounded_rectangle([point(0, 0), point(48, 48)], radius=10 * unit, fill=TEAL)
    stroke = round(5.5 * unit)
    corners = [point(11, 14), point(24, 36), point(37, 14)]
    draw.line(corners, fill=WHITE, width=stroke, joint="curve")
    for x, y in corners:  # round line caps, as stroke-linecap="round"
        draw.ellipse([x - stroke / 2, y - stroke / 2, x + stroke / 2, y + stroke / 2], fill=WHITE)
    cx, cy = point(24, 15)
    radius = 4.5 * unit
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=YELLOW)


def main():
    card = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(card)
    draw.rectangle([0, HEIGHT - 24, WIDTH, HEIGHT], fill=TEAL)
    mark = 240
    draw_mark(draw, 120, (HEIGHT - mark) // 2 - 12, mark)
    draw.text((410, 228), "Vakgenoten", font=font(104), fill=TEXT)
    draw.text((414, 362), "Kennis delen tussen gemeenten", font=font(40), fill=TEAL)
    card.save(OUTPUT, optimize=True)
    print(f"{OUTPUT} ({WIDTH} x {HEIGHT})")


if __name__ == "__main__":
    main()
