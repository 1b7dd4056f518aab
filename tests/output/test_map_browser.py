"""geo.output.mapping in a real browser: Debian's headless Chromium, network blocked.

Needs the Debian packages `chromium` and `chromium-driver` (/usr/bin/chromium and
/usr/bin/chromedriver) and the Python package `selenium`; `make test` installs them.
Screenshots go to tests/.artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.output import mapping
from geo.output.mapping import build_map
from tests.output.test_mapping import hostile_geojson, sample_geojson

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent.parent / ".artifacts"

# Recorded before any page script runs: alert/confirm/prompt calls and CSP violations.
HOOKS = """
window.__alerts = [];
['alert', 'confirm', 'prompt'].forEach(function (n) {
  window[n] = function (m) { window.__alerts.push(n + ':' + String(m)); };
});
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def chromium_options(user_data: Path, downloads: Path):
    from selenium.webdriver.chrome.options import Options

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 f"--user-data-dir={user_data}", "--window-size=1280,900"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
    })
    return opts


def start_chromium(tmp: Path):
    """A headless Chromium driven by Debian's chromedriver, or a clear failure."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `make test` (it installs the Debian "
                    "packages chromium and chromium-driver), or "
                    "`apt-get install -y chromium chromium-driver`", pytrace=False)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("the Python package selenium is missing: run `make test` "
                    "(pip install -e '.[test]')", pytrace=False)
    downloads = tmp / "downloads"
    downloads.mkdir()
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=chromium_options(tmp / "profile", downloads))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOKS})
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    return driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:
    driver = start_chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


def load(driver, path: Path, timeout: float = 20.0) -> list[dict]:
    """Open the map; wait until its script has run; return the console log of the load."""
    driver.get_log("browser")  # drop older entries
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.incidentMap && window.incidentMap.ready)"):
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"map not ready after {timeout}s: {driver.get_log('browser')}")
    time.sleep(0.3)  # let the cluster's first render and the decorations settle
    return driver.get_log("browser")


def severe(log: list[dict]) -> list[dict]:
    return [e for e in log if e.get("level") == "SEVERE"]


def placed(geojson: dict) -> list[dict]:
    return [f for f in geojson["features"] if f["geometry"] is not None]


def rendered_count(driver) -> int:
    """Markers drawn as single icons plus the incidents counted in the drawn clusters."""
    return driver.execute_script("""
        var n = document.querySelectorAll('.leaflet-marker-pane .inc-marker').length;
        document.querySelectorAll('.leaflet-marker-pane .marker-cluster span')
          .forEach(function (s) { n += parseInt(s.textContent, 10); });
        return n;""")


def open_popup(driver, incident_id: str, key: bool = False):
    """Zoom until the marker is out of its cluster, click it (or focus it and press Enter)
    like a user, return the popup."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    icon = driver.execute_async_script("""
        var id = arguments[0], done = arguments[arguments.length - 1];
        var it = window.incidentMap.placed.find(function (x) { return x.id === id; });
        if (!it) { done(null); return; }
        window.incidentMap.map.closePopup();
        window.incidentMap.cluster.zoomToShowLayer(it.marker, function () {
          window.incidentMap.map.panTo(it.latlng, {animate: false});  // away from the panels
          setTimeout(function () { done(it.marker._icon); }, 400);
        });""", incident_id)
    assert icon is not None, incident_id
    rect, stable = None, 0
    deadline = time.monotonic() + 5
    while stable < 3 and time.monotonic() < deadline:  # until any pan or zoom has ended
        time.sleep(0.1)
        now = icon.rect
        stable = stable + 1 if now == rect else 0
        rect = now
    if key:
        from selenium.webdriver.common.keys import Keys

        driver.execute_script("arguments[0].focus()", icon)
        icon.send_keys(Keys.ENTER)
    else:
        _click(driver, icon)

    def shown(d):  # the popup fades in: its text is empty to selenium until then
        found = d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content .inc-popup")
        return found[0] if found and found[0].text else False

    return WebDriverWait(driver, 5).until(shown)


def _click(driver, icon) -> None:
    """A real click; on a loaded machine a zoom animation can still have the vector
    canvas on top for a moment, so retry, and last dispatch the click on the icon."""
    from selenium.common.exceptions import ElementClickInterceptedException

    for _ in range(5):
        try:
            icon.click()
            return
        except ElementClickInterceptedException:
            time.sleep(0.3)
    driver.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", icon)


# --- tests ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("maps") / "sample.html"
    return build_map(sample_geojson(), out, title="Incidents in Ukraine and Syria (sample)",
                     built="2024-05-01 12:00 UTC")


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("maps") / "hostile.html"
    return build_map(hostile_geojson(), out, title="<script>alert('title')</script>")


@pytest.fixture(scope="module")
def compressed_map(tmp_path_factory) -> Path:
    """The sample, embedded the way large maps are: gzip + base64 (threshold lowered to 0)."""
    out = tmp_path_factory.mktemp("maps") / "compressed.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mapping, "COMPRESS_ABOVE", 0)
        build_map(sample_geojson(), out, title="Compressed sample",
                  built="2024-05-01 12:00 UTC")
    assert 'id="incident-data" data-encoding="gzip+base64"' in out.read_text(encoding="utf-8")
    return out


def download_geojson(driver, name: str) -> dict:
    """Click the download link; the GeoJSON file it saves."""
    for old in driver.downloads.iterdir():
        old.unlink()
    driver.find_element("id", "inc-download").click()
    target = driver.downloads / name
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        # The file can appear before its bytes are written: wait until it is whole.
        try:
            return json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            time.sleep(0.1)
    assert target.exists(), list(driver.downloads.iterdir())
    return json.loads(target.read_text(encoding="utf-8"))


def test_renders_every_placed_incident_without_errors(browser, sample_map):
    log = load(browser, sample_map)
    assert severe(log) == []
    n = len(placed(sample_geojson()))
    assert browser.execute_script("return window.incidentMap.markerCount()") == n
    assert rendered_count(browser) == n
    assert browser.execute_script("return window.__alerts") == []
    assert browser.execute_script("return window.__csp") == []
    # nothing was fetched from the network: every resource is inline or a data: URI
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert [u for u in urls if u.startswith(("http:", "https:"))] == []
    # the basemap, legend, layer control, filters and About panel are there
    assert browser.execute_script("return window.incidentMap.countries.getLayers().length") > 200
    text = browser.find_element("css selector", ".leaflet-control-layers").text
    for label in ("Mass grave (3)", "Airstrike (5)", "chemical attack (1)",
                  "Country outlines only (offline)"):
        assert label in text
    legend = browser.find_element("css selector", ".inc-legend").text
    assert "Execution / massacre" in legend and "needs review" in legend
    # coarse incidents (admin1, country) are dashed rings, never solid dots
    browser.execute_script("window.incidentMap.map.setView([35, 38], 6, {animate: false})")
    time.sleep(0.5)
    rings = browser.execute_script(
        "return document.querySelectorAll('.inc-coarse .inc-ring').length")
    assert rings >= 2 and rings == browser.execute_script(
        "return document.querySelectorAll('.leaflet-marker-pane .inc-coarse').length")
    assert browser.execute_script(
        "return document.querySelectorAll('.inc-coarse .inc-dot').length") == 0
    browser.execute_script("window.incidentMap.map.fitBounds("
                           "window.incidentMap.cluster.getBounds(), {animate: false})")
    time.sleep(0.5)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "sample.png"))
    browser.execute_script("window.incidentMap.map.setView([48.6, 36.2], 7, {animate: false})")
    time.sleep(0.8)
    assert severe(browser.get_log("browser")) == []
    browser.save_screenshot(str(ARTIFACTS / "sample-east-ukraine.png"))


def test_about_panel(browser, sample_map):
    load(browser, sample_map)
    about = browser.execute_script(
        "var d = document.querySelector('.inc-about'); d.open = true; return d.textContent")
    assert "Incidents: 23 (21 on the map, 2 without a place). Sources: 25." in about
    assert "Built: 2024-05-01 12:00 UTC." in about
    assert ("Place data \u00a9 GeoNames, CC BY 4.0; boundaries: Natural Earth "
            "(German point of view: e.g. Crimea shown in Ukraine)") in about
    assert "Places:" in about and "Dates:" in about
    assert "embedded compressed" not in about


def test_popup_lists_every_source(browser, sample_map):
    load(browser, sample_map)
    popup = open_popup(browser, "inc-mariupol-theatre")
    text = popup.text
    assert "Airstrike" in text and "Mariupol Drama Theatre" in text
    assert "precision: site" in text and "\u00b1 0.3 km" in text
    assert "2022-03-16" in text and "precision: day; date of: event" in text
    assert "low 12 \u00b7 best 600 \u00b7 high 600 killed" in text
    assert "close to 600" in text and "at least a dozen" in text
    assert "contested; 2 source(s)" in text and "Sources (2)" in text
    items = popup.find_elements("css selector", "ol.inc-sources > li")
    assert len(items) == 2
    assert "AP" in items[0].text and "AP evidence: Mariupol theater strike" in items[0].text
    assert "2022-05-04" in items[0].text
    marks = [m.text for m in popup.find_elements("css selector", "mark")]
    assert marks == ["Mariupol Drama Theatre", "Mariupol"]
    links = popup.find_elements("css selector", "a")
    assert [a.get_attribute("href") for a in links] == [
        "https://apnews.com/article/mariupol-theater"]
    assert "(no link)" in items[1].text
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "sample-popup.png"))


def test_offset_coarse_review_and_rtl_quotes(browser, sample_map):
    load(browser, sample_map)
    popup = open_popup(browser, "inc-south-of-aleppo")
    assert "measured from Aleppo (36.2021, 37.1343)" in popup.text
    # the anchor square and the line to it are drawn around the unclustered marker
    assert browser.execute_script(
        "return document.querySelectorAll('.leaflet-incDecor-pane .inc-anchor').length") >= 1
    assert browser.execute_script(
        "return document.querySelectorAll('.leaflet-incDecor-pane path').length") >= 2
    popup = open_popup(browser, "inc-deir-ez-zor")
    assert "Needs review" in popup.text and "an area, not a point" in popup.text
    assert browser.execute_script(
        "return window.incidentMap.placed.find(function (x) {"
        " return x.id === 'inc-deir-ez-zor'; }).marker._icon.className").count("inc-coarse") == 1
    popup = open_popup(browser, "inc-aleppo-airstrike", key=True)
    assert [m.text for m in popup.find_elements("css selector", "mark")] == ["Aleppo", "حلب"]


def test_filters_by_date_type_and_search(browser, sample_map):
    load(browser, sample_map)
    count = "return window.incidentMap.markerCount()"

    def set_value(selector: str, value: str):
        browser.execute_script(
            "var e = document.querySelector(arguments[0]); e.value = arguments[1];"
            "e.dispatchEvent(new Event(e.type === 'search' ? 'input' : 'change'));",
            selector, value)

    set_value(".inc-dates input:nth-of-type(1)", "2022-01-01")
    set_value(".inc-dates input:nth-of-type(2)", "2022-12-31")
    # 2022 incidents (9 placed) plus the undated one in Syria
    assert browser.execute_script(count) == 10
    browser.execute_script("document.querySelector('.inc-panel input[type=checkbox]').click()")
    assert browser.execute_script(count) == 9
    browser.execute_script("document.querySelectorAll('.inc-panel button')[1].click()")
    assert browser.execute_script(count) == 21
    set_value(".inc-panel input[type=search]", "aleppo")
    time.sleep(0.6)
    assert browser.execute_script(count) == 2  # Aleppo and 25 km south of Aleppo (anchor)
    assert browser.execute_script("return window.incidentMap.map.getZoom()") >= 8
    set_value(".inc-panel input[type=search]", "")
    time.sleep(0.6)
    # switching a type layer off in the layer control hides its markers
    labels = browser.find_elements("css selector", ".leaflet-control-layers-overlays label")
    next(lab for lab in labels if "Airstrike" in lab.text).find_element(
        "css selector", "input").click()
    assert browser.execute_script(count) == 16


def test_hostile_article_shows_as_text(browser, hostile_map):
    log = load(browser, hostile_map)
    assert severe(log) == []
    assert browser.title == "<script>alert('title')</script>"
    popup = open_popup(browser, "inc-hostile")
    text = popup.text
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Evil <script>alert(1)</script> Town" in text
    assert "</script><script>alert(2)</script>" in text
    assert "`back${1}`" in text
    assert [m.text for m in popup.find_elements("css selector", "mark")] == [
        "<img src=x onerror=alert(1)>"]
    assert popup.find_elements("css selector", "a") == []  # javascript: and data: URLs
    assert text.count("(link withheld: not an http(s) address)") == 3
    assert "measured from <b>Anchor</b><img src=x onerror=alert(1)> (48.6000, 35.1000)" in text
    time.sleep(0.5)
    assert browser.execute_script("return document.querySelectorAll('img[src=x]').length") == 0
    assert browser.execute_script("return document.querySelectorAll("
                                  "'a[href^=javascript], a[href^=data], script:not([type])"
                                  "').length") == 3  # our 3 scripts only
    layers = browser.find_element("css selector", ".leaflet-control-layers").text
    assert "<img src=x onerror=alert(1)> (1)" in layers
    assert browser.execute_script("return window.__alerts") == []
    assert browser.execute_script("return window.__csp") == []
    assert severe(browser.get_log("browser")) == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "hostile-popup.png"))


def test_download_link_gives_all_incidents(browser, sample_map):
    load(browser, sample_map)
    data = download_geojson(browser, "incidents-in-ukraine-and-syria-sample.geojson")
    assert data == sample_geojson()  # every incident, those without a place too
    assert len(data["features"]) == 23


def test_compressed_data_is_unpacked_before_ready(browser, compressed_map):
    log = load(browser, compressed_map)  # waits for incidentMap.ready: after the unpacking
    assert severe(log) == []
    assert browser.execute_script("return window.__csp") == []
    assert browser.execute_script("return window.incidentMap.error") is None
    n = len(placed(sample_geojson()))
    assert browser.execute_script("return window.incidentMap.markerCount()") == n
    assert rendered_count(browser) == n
    about = browser.execute_script(
        "var d = document.querySelector('.inc-about'); d.open = true; return d.textContent")
    assert "Incidents: 23 (21 on the map, 2 without a place). Sources: 25." in about
    assert "Incident data embedded compressed" in about
    popup = open_popup(browser, "inc-mariupol-theatre")
    assert "Mariupol Drama Theatre" in popup.text and "Sources (2)" in popup.text
    items = popup.find_elements("css selector", "ol.inc-sources > li")
    assert len(items) == 2 and "AP evidence: Mariupol theater strike" in items[0].text
    assert [m.text for m in popup.find_elements("css selector", "mark")] == [
        "Mariupol Drama Theatre", "Mariupol"]
    assert download_geojson(browser, "compressed-sample.geojson") == sample_geojson()



def test_missing_chromium_fails_with_instructions(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match=r"run `make test`.*chromium-driver"):
        start_chromium(tmp_path)


def test_unbroken_200000_character_title_stays_inside_the_popup(browser, tmp_path):
    """A scraped page without spaces used to push the popup (and the page) sideways."""
    from tests.output.test_mapping import incident, source

    long = "Ш" + "x" * 200_000
    geojson = sample_geojson()
    geojson["features"].append(incident(
        "inc-long", "shelling", "L" * 5000, 48.0, 36.0, cc="UA", start="2022-06-01",
        sources=[source("s-long", "O" * 3000, long, "https://example.org/" + "p" * 3000,
                        "2022-06-02", "q" * 10_000, None)]))
    out = build_map(geojson, tmp_path / "long.html", title="Long")
    assert severe(load(browser, out)) == []
    popup = open_popup(browser, "inc-long")
    widths = browser.execute_script("""
        var w = document.querySelector('.leaflet-popup-content-wrapper');
        var c = document.querySelector('.leaflet-popup-content');
        return [w.getBoundingClientRect().width, c.scrollWidth, c.clientWidth,
                document.documentElement.scrollWidth, window.innerWidth];""")
    wrapper, scroll, client, page, window = widths
    assert wrapper <= 440 + 60 and scroll <= client + 1, widths  # maxWidth + margins
    assert page <= window, widths
    assert "Шxxx" in popup.text


# --- the folium map of geo.map_incidents ------------------------------------------------------

@pytest.fixture(scope="module")
def folium_map(tmp_path_factory) -> Path:
    """The sample through geo.map_incidents, with a layer of the user's own."""
    import folium

    from geo.output.notebook import map_incidents

    m = map_incidents(hostile_geojson(), title="<script>alert('title')</script>",
                      built="2024-05-01 12:00 UTC")
    folium.CircleMarker([36.2, 37.16], radius=9, color="#000",
                        popup=folium.Popup("my own layer")).add_to(m)
    out = tmp_path_factory.mktemp("maps") / "folium.html"
    m.save(str(out))
    return out


def test_folium_map_draws_the_same_incidents_offline(browser, folium_map):
    log = load(browser, folium_map)
    assert severe(log) == []
    assert browser.execute_script("return window.__csp") == []
    assert browser.execute_script("return window.__alerts") == []
    n = len(placed(hostile_geojson()))
    assert browser.execute_script("return window.incidentMap.markerCount()") == n
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert [u for u in urls if u.startswith(("http:", "https:"))] == []
    # the user's own layer is on the map and its folium popup (jQuery-built) opens
    text = browser.execute_script("""
        var found = null;
        window.incidentMap.map.eachLayer(function (l) {
          if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.getPopup()) found = l;
        });
        if (!found) return null;
        found.openPopup();
        return found.getPopup().getElement().textContent;""")
    assert text is not None and "my own layer" in text
    popup = open_popup(browser, "inc-mariupol-theatre")
    assert "Mariupol Drama Theatre" in popup.text and "Sources (2)" in popup.text
    assert browser.execute_script("return window.__alerts") == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "folium-popup.png"))


# --- a map a person can read: labels, neutral clusters, search, words; screenshots ----------

def png_pixels(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit PNG (what Chromium's
    screenshots are), with no imaging library."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride, rows, prev = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def pixels_in(shot: tuple, rect: dict, ratio: float = 1.0) -> list[tuple[int, int, int]]:
    """The RGB pixels of a screenshot inside an element's rect (CSS pixels)."""
    width, height, rows, bpp = shot
    x0, y0 = int(rect["x"] * ratio), int(rect["y"] * ratio)
    x1 = min(width, int((rect["x"] + rect["width"]) * ratio))
    y1 = min(height, int((rect["y"] + rect["height"]) * ratio))
    return [tuple(rows[y][x * bpp:x * bpp + 3]) for y in range(max(0, y0), y1)
            for x in range(max(0, x0), x1)]


def screenshot(driver, name: str) -> tuple:
    ARTIFACTS.mkdir(exist_ok=True)
    data = driver.get_screenshot_as_png()
    (ARTIFACTS / name).write_bytes(data)
    return png_pixels(data)


def _dark(px) -> bool:
    return sum(px) < 3 * 110


@pytest.fixture(scope="module")
def labelled_map(tmp_path_factory, gaz) -> Path:
    """The sample with its sites' GeoNames ids and labels from the real gazetteer."""
    from geo.gazetteer.labels import map_labels

    data = sample_geojson()
    for f in data["features"]:
        if f["properties"]["site_name"] == "Izium":
            f["properties"]["geonameid"] = "707292"
            f["properties"]["count_category"] = "bodies_found"
            f["properties"]["loc_precision"] = "near-settlement"
    out = tmp_path_factory.mktemp("maps") / "labelled.html"
    return build_map(data, out, title="Labelled sample", built="2024-05-01 12:00 UTC",
                     labels=lambda seen: map_labels(gaz, seen))


def visible_labels(driver) -> list[dict]:
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.leaflet-incLabels-pane .inc-label'))
          .map(function (e) { var r = e.getBoundingClientRect();
            return {text: e.textContent, site: !!e.querySelector('.inc-label-site'),
                    x: r.x, y: r.y, width: r.width, height: r.height}; })
          .filter(function (r) { return r.x < innerWidth && r.y < innerHeight &&
                                        r.x + r.width > 0 && r.y + r.height > 0; });""")


def test_zoomed_in_view_has_town_and_site_labels(browser, labelled_map):
    assert severe(load(browser, labelled_map)) == []
    browser.execute_script("window.incidentMap.map.setView([49.2, 37.28], 9, {animate: false})")
    time.sleep(1.0)
    labels = visible_labels(browser)
    texts = [lb["text"] for lb in labels]
    assert "Izium" in texts and next(lb for lb in labels if lb["text"] == "Izium")["site"]
    towns = [lb for lb in labels if not lb["site"]]
    assert len(towns) >= 5, texts  # the grey field has names now
    for i, a in enumerate(labels):  # drawn where they do not cover each other
        for b in labels[i + 1:]:
            overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            assert overlap_x <= 2 or overlap_y <= 2, (a, b)
    shot = screenshot(browser, "labels-izium.png")
    for lb in labels[:5]:  # each label is really painted: dark text on the light map
        assert any(_dark(px) for px in pixels_in(shot, lb)), lb
    # labels can be switched off in the layer control
    browser.execute_script("""
        var im = window.incidentMap;
        im.map.eachLayer(function () {});
        document.querySelectorAll('.leaflet-control-layers-overlays label').forEach(function (l) {
          if (l.textContent.indexOf('Place labels') >= 0) l.querySelector('input').click();
        });""")
    time.sleep(0.3)
    assert visible_labels(browser) == []
    assert severe(browser.get_log("browser")) == []


def test_cluster_is_neutral_and_shows_its_types(browser, labelled_map):
    load(browser, labelled_map)
    time.sleep(0.5)
    info = browser.execute_script("""
        var found = document.querySelectorAll('.leaflet-marker-pane .marker-cluster');
        return Array.from(found).map(function (e) {
          var ring = e.firstElementChild, span = ring.querySelector('span');
          var r = e.getBoundingClientRect();
          return {cls: e.className, ring: getComputedStyle(ring).backgroundImage,
                  inner: getComputedStyle(span).backgroundColor, n: span.textContent,
                  x: r.x, y: r.y, width: r.width, height: r.height, title: ring.title}; });""")
    assert info, "the sample's first view has clusters"
    for c in info:
        assert "inc-cluster" in c["cls"]
        assert not any(k in c["cls"] for k in ("marker-cluster-small", "marker-cluster-medium",
                                                 "marker-cluster-large"))
        assert c["inner"] == "rgb(255, 255, 255)" and "conic-gradient" in c["ring"]
        assert int(c["n"]) >= 2 and c["title"]
    shot = screenshot(browser, "clusters.png")
    big = max(info, key=lambda c: int(c["n"]))
    px = pixels_in(shot, big)
    green = [p for p in px if p[1] > 150 and p[0] < 150 and p[2] < 110]  # markercluster's green
    assert len(green) < len(px) * 0.05
    centre = {"x": big["x"] + big["width"] / 2 - 3, "y": big["y"] + big["height"] / 2 - 8,
              "width": 6, "height": 16}
    assert any(_dark(p) for p in pixels_in(shot, centre))  # the count, dark on white


def test_open_popup_screenshot_shows_words_not_codes(browser, labelled_map):
    load(browser, labelled_map)
    popup = open_popup(browser, "inc-izium-grave")
    text = popup.text
    assert "bodies found" in text and "bodies_found" not in text
    assert "precision: near a town or village" in text and "near-settlement" not in text
    shot = screenshot(browser, "popup-izium.png")
    rect = browser.execute_script(
        "var r = document.querySelector('.leaflet-popup-content').getBoundingClientRect();"
        "return {x: r.x, y: r.y, width: r.width, height: r.height};")
    px = pixels_in(shot, rect)
    white = sum(1 for p in px if min(p) > 235)
    assert white > len(px) * 0.5 and sum(1 for p in px if _dark(p)) > 200


def test_search_reads_every_name_and_the_quotes(browser, labelled_map):
    load(browser, labelled_map)

    def search(q: str) -> list[str]:
        return browser.execute_script("""
            var im = window.incidentMap, box = document.querySelector('.inc-panel input');
            box.value = arguments[0]; im.applyFilters();
            return im.items.filter(function (it) { return it.visible; })
                           .map(function (it) { return it.id; });""", q)

    assert search("Ізюм") == ["inc-izium-grave"]        # the gazetteer's Ukrainian name
    assert search("Izyum") == ["inc-izium-grave"]       # the gazetteer's own spelling
    assert search("forest burial") == ["inc-izium-grave"]  # words of a quoted sentence
    assert "inc-bucha" in search("shot civilians")
    assert search("qzxwvbnm") == []
    assert len(search("")) == len(sample_geojson()["features"])
