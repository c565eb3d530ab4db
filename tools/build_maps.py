"""Build the site's decorative map SVGs from Natural Earth country shapes.

Writes, under static/img/:

* ``east-asia-dots.svg``: a dot-matrix map of East Asia (lon 95-150 E, lat 15-52 N) for
  header backgrounds. A regular grid gets a dot wherever a third of the cell is land; dots
  in the four places the landscape covers (China, Japan, South Korea, Taiwan) are mint,
  other land is faint white, and a gold marker sits on the venue, Songdo Convensia (Incheon).
* ``countries/{cn,jp,kr,tw}.svg``: one filled silhouette per place, in a tight viewBox
  whose longer side is 100 units, tiny islands dropped and outlines simplified.

Every file is decorative (``aria-hidden="true"``, no text) and uses presentation
attributes only, no ``style``, so it passes the site's strict Content Security Policy.

Data: Natural Earth 1:50m admin-0 countries (public domain), as TopoJSON in the npm package
``world-atlas@2.0.2`` (ISC licence). The site does not need the package to run, so it is
not in package.json; fetch it for this script only, then run it from the repository root:

    npm install --no-save world-atlas@2.0.2
    .venv/bin/python tools/build_maps.py

Plain Python (json, math), no third-party packages. The output is deterministic, so
re-running it on unchanged data gives byte-identical files; it prints each file's size.
"""

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "static" / "img"

PLACES = {"156": "cn", "392": "jp", "410": "kr", "158": "tw"}  # ISO 3166-1 numeric -> file
# Natural Earth keeps Hong Kong (344) and Macao (446) apart from China; on the dot map a faint
# dot there would read as a gap in China's coast, so they take the mint colour too.
MINT_IDS = {*PLACES, "344", "446"}
SONGDO = (126.6430, 37.3915)  # lon, lat of Songdo Convensia
TEAL, MINT, GOLD = "#0f5f73", "#5eead4", "#f6c453"

# Dot map: equirectangular, x scaled by cos(35 deg) so shapes keep their mid-latitude look.
LON0, LON1, LAT0, LAT1 = 95.0, 150.0, 15.0, 52.0
KX = math.cos(math.radians(35.0))
WIDTH = 1000.0
UNIT = WIDTH / ((LON1 - LON0) * KX)  # SVG units per degree of latitude
HEIGHT = round((LAT1 - LAT0) * UNIT)
STEP = 14  # grid spacing in SVG units (0.63 deg of latitude, 0.77 deg of longitude)
DOT_R = 3
RING_R = 11  # the venue marker: a gold dot of 2.5 DOT_R inside a thin ring

# Silhouettes: drop polygons under this share of the bbox; Douglas-Peucker tolerance (units).
MIN_AREA_SHARE = 0.001  # 0.1%: keeps Hainan, Jeju and the four main islands of Japan
TOLERANCE = 0.12


def fmt(v: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ".0"."""
    s = f"{v:.1f}"
    s = s[:-2] if s.endswith(".0") else s
    return "0" if s == "-0" else s


def load_countries() -> dict[str, list[list[list[tuple[float, float]]]]]:
    """Country id -> polygons -> rings -> (lon, lat) points, decoded from TopoJSON."""
    topo = json.loads(SOURCE.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]  # negative: arc ~i reversed
            points.extend(part[1:] if points else part)  # arcs share their end points
        return points

    countries = {}
    for n, geometry in enumerate(topo["objects"]["countries"]["geometries"]):
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        key = geometry.get("id") or f"noid-{n}"
        countries[key] = [[ring(r) for r in polygon] for polygon in polygons]
    return countries


def bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    """Even-odd ray casting: does a ray to the east cross the ring an odd number of times?"""
    result = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
        x1, y1 = x2, y2
    return result


def country_at(lon: float, lat: float, rings: list) -> str | None:
    """The id of the country a point falls in (even-odd over each polygon's rings), if any."""
    crossings: dict[tuple[str, int], bool] = {}
    for (x0, y0, x1, y1), ring, cid, p in rings:
        if x0 <= lon <= x1 and y0 <= lat <= y1 and inside(lon, lat, ring):
            crossings[cid, p] = not crossings.get((cid, p), False)
    return next((cid for (cid, _), odd in crossings.items() if odd), None)


def dots_svg(countries: dict) -> str:
    """The dot-matrix map: a grid of circles on land, coloured by country."""
    rings = []  # (bbox, ring, country id, polygon index) for rings that reach the map
    for cid, polygons in countries.items():
        for p, polygon in enumerate(polygons):
            for ring in polygon:
                x0, y0, x1, y1 = bbox(ring)
                if x1 >= LON0 - 1 and x0 <= LON1 + 1 and y1 >= LAT0 - 1 and y0 <= LAT1 + 1:
                    rings.append(((x0, y0, x1, y1), ring, cid, p))
    mx = (SONGDO[0] - LON0) * UNIT * KX  # the venue marker
    my = (LAT1 - SONGDO[1]) * UNIT
    ours, others = [], []
    cols, rows = int(WIDTH // STEP), int(HEIGHT // STEP)
    margin_x = round((WIDTH - (cols - 1) * STEP) / 2)  # whole units: shorter coordinates
    margin_y = round((HEIGHT - (rows - 1) * STEP) / 2)
    offsets = [(i * STEP / 3, j * STEP / 3) for j in (-1, 0, 1) for i in (-1, 0, 1)]
    for row in range(rows):
        y = margin_y + row * STEP
        for col in range(cols):
            x = margin_x + col * STEP
            if math.hypot(x - mx, y - my) <= RING_R + DOT_R + 1:
                continue  # keep the marker's ring clear
            # Sample the cell 3 x 3 and keep a dot where at least a third of it is land, so
            # narrow land (Korea, Honshu) stays continuous; the majority picks the colour.
            samples = [
                country_at(LON0 + (x + dx) / (UNIT * KX), LAT1 - (y + dy) / UNIT, rings)
                for dx, dy in offsets
            ]
            land = [cid for cid in samples if cid]
            if len(land) >= 3:
                mint = sum(cid in MINT_IDS for cid in land)
                (ours if 2 * mint >= len(land) else others).append((x, y))

    def circles(points: list[tuple[float, float]]) -> str:
        return "".join(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{DOT_R}"/>' for x, y in points)

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(WIDTH)} {HEIGHT}" '
        f'width="{fmt(WIDTH)}" height="{HEIGHT}" aria-hidden="true" focusable="false">\n'
        f'<g fill="#fff" opacity="0.18">{circles(others)}</g>\n'
        f'<g fill="{MINT}" opacity="0.85">{circles(ours)}</g>\n'
        f'<g fill="{GOLD}"><circle cx="{fmt(mx)}" cy="{fmt(my)}" r="{fmt(DOT_R * 2.5)}"/>'
        f'<circle cx="{fmt(mx)}" cy="{fmt(my)}" r="{RING_R}" fill="none" '
        f'stroke="{GOLD}" stroke-width="1.2" opacity="0.9"/></g>\n'
        "</svg>\n"
    )


def area(ring: list[tuple[float, float]]) -> float:
    """Absolute shoelace area."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on an open polyline (iterative, keeps both end points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        length = math.hypot(bx - ax, by - ay)
        worst, index = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = math.hypot(px - ax, py - ay)
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def silhouette_svg(polygons: list) -> str:
    """One country as a filled path, north up, longer side 100 units."""
    # Cosine-scaled equirectangular around the latitude of the country's main landmass.
    main = max(polygons, key=lambda polygon: area(polygon[0]))
    k = math.cos(math.radians(sum(bbox(main[0])[1::2]) / 2))
    shapes = [[[(lon * k, -lat) for lon, lat in ring] for ring in polygon] for polygon in polygons]
    while True:  # drop specks, then re-fit the bbox to what is left, until nothing changes
        x0, y0, x1, y1 = bbox([pt for shape in shapes for pt in shape[0]])
        limit = MIN_AREA_SHARE * (x1 - x0) * (y1 - y0)
        kept = [shape for shape in shapes if area(shape[0]) >= limit]
        if len(kept) == len(shapes):
            break
        shapes = kept
    scale = 100.0 / max(x1 - x0, y1 - y0)
    w, h = (x1 - x0) * scale, (y1 - y0) * scale
    parts = []
    for shape in shapes:
        for n, ring in enumerate(shape):
            if n and area(ring) < limit:
                continue  # a speck of a hole (a lake)
            pts = [((x - x0) * scale, (y - y0) * scale) for x, y in ring]
            pts = simplify(pts, TOLERANCE)[:-1]  # the ring is closed: drop the repeat
            coords = []
            for x, y in pts:
                c = f"{fmt(x)} {fmt(y)}"
                if not coords or coords[-1] != c:
                    coords.append(c)
            if len(coords) >= 3:
                parts.append("M" + " ".join(coords) + "Z")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(w)} {fmt(h)}" '
        f'width="{fmt(w)}" height="{fmt(h)}" aria-hidden="true" focusable="false">\n'
        f'<path fill="{TEAL}" fill-rule="evenodd" d="{"".join(parts)}"/>\n'
        "</svg>\n"
    )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


def main() -> None:
    countries = load_countries()
    write(OUT / "east-asia-dots.svg", dots_svg(countries))
    for cid, code in PLACES.items():
        write(OUT / "countries" / f"{code}.svg", silhouette_svg(countries[cid]))


if __name__ == "__main__":
    main()
