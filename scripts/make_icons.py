"""Draw the site's raster icons from the logo's design (static/img/favicon.svg) with Pillow.

Browsers and phones ask for fixed names at the site's root: /favicon.ico, /apple-touch-icon.png
and the icons the web manifest names. They are committed (a few KB); run this again after the
logo changes:

    .venv/bin/python scripts/make_icons.py

The logo is a 48 x 48 drawing: a petrol square with rounded corners, a white V and an ochre dot.
Each icon is drawn four times larger and scaled down, for smooth edges.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1] / "static" / "root"
PETROL = "#0f5465"  # --vg-brand-petrol-700
OCHRE = "#f2c14e"  # --vg-brand-ochre-300
WHITE = "#ffffff"
OVERSAMPLE = 4


def draw(size, rounded=True):
    """The logo at ``size`` pixels square; without rounded corners for touch icons, which the
    phone rounds itself (transparent corners would show as black there)."""
    big = size * OVERSAMPLE
    unit = big / 48  # one unit of the 48 x 48 drawing

    def at(x, y):
        return (x * unit, y * unit)

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=10 * unit if rounded else 0, fill=PETROL)
    # The V: two strokes 5.5 units wide with round caps and a round join.
    stroke = 5.5 * unit
    points = [at(11, 14), at(24, 36), at(37, 14)]
    pen.line(points, fill=WHITE, width=round(stroke), joint="curve")
    for x, y in points:
        radius = stroke / 2
        pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=WHITE)
    x, y = at(24, 15)
    radius = 4.5 * unit
    pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=OCHRE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def save_png(image, name):
    """A palette PNG: four colours and their smoothed edges fit in 64, at a quarter the bytes."""
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(ROOT / name, optimize=True)


def main():
    ROOT.mkdir(parents=True, exist_ok=True)
    draw(48).save(ROOT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    save_png(draw(180, rounded=False), "apple-touch-icon.png")
    for size in (192, 512):
        save_png(draw(size), f"icon-{size}.png")
    for file in sorted(ROOT.iterdir()):
        print(f"{file.relative_to(ROOT.parents[1])}: {file.stat().st_size} bytes")


if __name__ == "__main__":
    main()
