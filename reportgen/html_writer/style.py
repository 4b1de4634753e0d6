"""The page's stylesheet in the theme's colours and fonts: one column that reads from
360 px wide (nothing wider than the screen) to a wide screen, and a print stylesheet."""

from __future__ import annotations

from string import Template

from reportgen.html_writer.fonts import font_faces

_CSS = Template("""
:root{--text:$text;--heading:$heading;--accent:$accent;--head:$table_header}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"$font",system-ui,sans-serif;font-size:1.0625rem;line-height:1.55;
 color:var(--text);background:#fff;overflow-wrap:break-word}
header,main,footer{max-width:44rem;margin:0 auto;padding:0 1rem}
header{padding-top:2rem;border-bottom:3px solid var(--accent);padding-bottom:1rem}
h1,h2,h3,h4{color:var(--heading);line-height:1.25;hyphens:auto}
h1{font-size:clamp(1.6rem,5vw,2.3rem);margin:.3em 0}
h2{font-size:1.45rem;margin:2em 0 .5em}
h3{font-size:1.2rem;margin:1.5em 0 .4em}
p,li{hyphens:auto}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--accent);
 outline-offset:2px}
.publisher,.date,.note,.byline{font-size:.9rem}
.subtitle,.lead{font-size:1.2rem}
.note{margin:.4em 0}
figure{margin:2rem 0}
/* the web chart is drawn 8 cm wide (charts.bars.SCREEN_WIDTH_CM): its 8-8.5 pt text reads
   12 px on a 375 px phone and 14 px at its widest, 24rem */
figure svg{display:block;width:100%;height:auto;max-width:24rem}
figcaption,caption{font-weight:700;text-align:left;color:var(--heading);margin:0 0 .5em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem;margin:1rem 0 .3rem;width:100%}
th,td{padding:.3em .5em;border-bottom:1px solid #8c8c8c;vertical-align:top}
thead th{background:var(--head);text-align:left;border-bottom:2px solid var(--heading);
 hyphens:none}
td,.num{text-align:right;font-variant-numeric:tabular-nums}
tbody th{text-align:left;font-weight:400}
tr.total th,tr.total td{font-weight:700}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--accent);font-weight:700}
blockquote{margin:1.5rem 0;padding:.2rem 1rem;border-left:4px solid var(--accent)}
blockquote p{font-size:1.15rem;margin:.4em 0}
.keyfigure{font-size:1.6rem;font-weight:700;color:var(--heading)}
ul.files{padding-left:1.2rem}
footer{margin-top:3rem;padding-bottom:2rem;border-top:1px solid #8c8c8c}
/* a phone: 12.8 px figures, cells .2em apart and flush with the text column, headings'
   long words broken at their soft hyphens (blocks.table_html), so a table of five
   columns fits 320 px (test_browser: no table scrolls) */
@media (max-width:30rem){body{font-size:1rem}table{font-size:.8rem}th,td{padding:.25em .2em}
 thead th{hyphens:manual} tr>:first-child{padding-left:0}tr>:last-child{padding-right:0}}
@media print{
 @page{size:A4;margin:2cm}
 body{font-size:10.5pt;line-height:1.4}
 header,main,footer{max-width:none;padding:0}
 h2,h3{break-after:avoid}
 figure,table,blockquote{break-inside:avoid}
 details,footer nav{display:none}
 a{color:var(--text);text-decoration:none}
 .scroll{overflow:visible}
}
""")


def stylesheet(theme) -> str:
    """The CSS of a page: the theme's font faces, then the layout in the theme's colours."""
    colours = {
        "text": theme.text_colour,
        "heading": theme.heading_colour,
        "accent": theme.accent_colour,
        "table_header": theme.table_header_colour,
        "font": theme.font_name,
    }
    return font_faces(theme) + _CSS.substitute(colours)
