"""A report rendered as the web page a county government site would publish, in six platform layouts.

Why: the HTML reader (etl/html_doc.py) must keep the report and drop everything else a real page
carries: navigation, breadcrumbs, the information-disclosure box, share and print buttons, related
links, footers with ICP and site numbers, inline scripts. These layouts follow the page structure of
the content platforms China's provincial and county government sites are built on (written here in
their layout, not copied from any site); tests render the shared fixture reports with them and
bench/html_throughput.py renders the generated corpus with them.

| layout | platform family (where it is common) | what is special |
|---|---|---|
| hanweb | Hanweb JCMS (Jiangsu, Zhejiang county sites) | GB2312 declared in http-equiv; info box as td pairs; `#zoom` |
| trs | TRS WCM (Hunan, Hubei, Guangxi) | full meta set; info box as `<li><b>key：</b>value`; TRS_Editor with a table of `<p>` cells |
| ucap | Ucap (Anhui, Beijing, gov.cn policy pages) | `table.bd1` info box with `<b>key：</b>` cells; `#UCAP-CONTENT` |
| dl_box | county open-government pages (Sichuan, Chongqing) | `<dl>` info box; legacy GBK with NO declared charset |
| html5 | responsive provincial clusters (Guangdong, Shandong) | `<nav>`, `<article>`, `<footer>`; key and value in separate spans, no colon |
| word_export | a Word document saved as a web page and uploaded as is | `MsoNormal` paragraphs, no chrome, no meta tags |

Pages are `bytes`, encoded as the layout says (`charset` overrides it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

Block = str | list[list[str]]  # a paragraph, or a table as rows of cells (the first row may be a header)


@dataclass
class PageInfo:
    """What a site knows about the page (meta tags and the information-disclosure box)."""

    title: str
    publish: str  # '2025-03-20 10:21'
    publisher: str  # 发布机构 / ContentSource
    site: str  # SiteName: '宝丰县人民政府'
    column: str = "法治政府建设年度报告"
    index_no: str = "000000000/2025-00001"
    doc_number: str | None = None
    related: list[str] = field(default_factory=list)


LAYOUTS = ("hanweb", "trs", "ucap", "dl_box", "html5", "word_export")
DEFAULT_CHARSET = {
    "hanweb": "gb18030",
    "trs": "utf-8",
    "ucap": "utf-8",
    "dl_box": "gb18030",
    "html5": "utf-8",
    "word_export": "gb18030",
}


def body_blocks(text: str, skip_lines: int = 0) -> list[Block]:
    """A plain-text report as paragraphs: one block per non-empty line after the first `skip_lines` lines."""
    lines = [ln.strip() for ln in text.split("\n")][skip_lines:]
    return [ln for ln in lines if ln]


def with_table(blocks: list[Block], sentence: str, rows: list[list[str]]) -> list[Block]:
    """Take `sentence` out of the paragraph that holds it and put `rows` as a table right after it."""
    out: list[Block] = []
    found = False
    for b in blocks:
        if isinstance(b, str) and sentence in b and not found:
            rest = b.replace(sentence, "", 1).strip()
            if rest:
                out.append(rest)
            out.append(rows)
            found = True
        else:
            out.append(b)
    if not found:
        raise ValueError(f"sentence not in the report: {sentence[:30]}")
    return out


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _date(info: PageInfo) -> str:
    return info.publish.split(" ")[0]


def _meta_tags(info: PageInfo, keywords: str = "法治政府,年度报告") -> str:
    return "\n".join(
        f'<meta name="{k}" content="{_e(v)}">'
        for k, v in (
            ("SiteName", info.site),
            ("SiteDomain", "www.example.gov.cn"),
            ("SiteIDCode", "4300000001"),
            ("ColumnName", info.column),
            ("ColumnType", "法治政府建设"),
            ("ArticleTitle", info.title),
            ("PubDate", info.publish),
            ("ContentSource", info.publisher),
            ("Keywords", keywords),
            ("Author", info.publisher),
            ("Description", info.title),
            ("Url", "http://www.example.gov.cn/zwgk/fzzfjs/content_1234567.html"),
        )
    )


def _table(rows: list[list[str]], cls: str = "", p_cells: bool = False) -> str:
    out = [f'<table class="{cls}" border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>']
    for i, row in enumerate(rows):
        tag = "th" if i == 0 and cls != "plain" else "td"
        cells = "".join(
            f'<{tag} valign="center"><p style="text-align:center">{_e(c)}</p></{tag}>'
            if p_cells
            else f"<{tag}>{_e(c)}</{tag}>"
            for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _body(blocks: list[Block], p_style: str = "", p_cells: bool = False, table_cls: str = "") -> str:
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(f"<p{p_style}>{_e(b)}</p>")
        else:
            out.append(_table(b, table_cls, p_cells))
    return "\n".join(out)


def _related(info: PageInfo) -> str:
    return "\n".join(
        f'<li><a href="../content_{7654321 + i}.html" target="_blank" title="{_e(t)}">{_e(t)}</a>'
        f"<span>{_date(info)}</span></li>"
        for i, t in enumerate(info.related)
    )


SCRIPT = """<script type="text/javascript">
var _hmt = _hmt || [];
(function() { var hm = document.createElement("script"); hm.src = "/js/stat.js?siteid=4300000001";
  var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
var pageTitle = "法治政府建设年度报告"; var visits = 12345; /* 访问量统计 2000余次 */
</script>"""
STYLE = """<style type="text/css">
body{margin:0;font-family:"Microsoft YaHei",SimSun;} .nav li{float:left;width:120px;}
#zoom p,.TRS_Editor p{text-indent:2em;line-height:2;font-size:16px;} .footer{color:#666;}
</style>"""
FOOTER_NUMBERS = (
    "主办单位：{site}办公室 承办单位：{site}政务服务和数据管理局 网站标识码：4310270001 "
    "湘ICP备05004455号-1 湘公网安备 43102702000123号 联系电话：0735-1234567 建议使用1920×1080分辨率"
)


def _hanweb(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    head_meta = _meta_tags(info) if meta else ""
    info_line = f"发布日期：{_e(info.publish)}　信息来源：{_e(info.publisher)}　" if box else ""
    box_html = (
        f"""<div class="xxgk_table"><table width="100%" border="0" cellspacing="1" cellpadding="0">
<tr><td class="tl">索 引 号：</td><td class="tr">{_e(info.index_no)}</td><td class="tl">分　　类：</td><td class="tr">法治政府建设；报告</td></tr>
<tr><td class="tl">发布机构：</td><td class="tr">{_e(info.publisher)}</td><td class="tl">发文日期：</td><td class="tr">{_date(info)}</td></tr>
<tr><td class="tl">标　　题：</td><td class="tr" colspan="3">{_e(info.title)}</td></tr>
<tr><td class="tl">文　　号：</td><td class="tr">{_e(info.doc_number or "")}</td><td class="tl">是否有效：</td><td class="tr">有效</td></tr>
</table></div>"""
        if box
        else ""
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
{head_meta}
<title>{_e(info.title)}_{_e(info.site)}</title>
<link href="/css/common.css" rel="stylesheet" type="text/css" />
{STYLE}
{SCRIPT}
</head>
<body>
<div class="topbar"><div class="w1200"><span>欢迎访问{_e(info.site)}门户网站！</span>
<a href="javascript:;" id="wza">无障碍浏览</a> | <a href="javascript:;">长者模式</a> | <a href="/login">登录</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{_e(info.site)}" /></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进{_e(info.site[:3])}</a></li><li><a href="/ztzl/">专题专栏</a></li></ul></div>
<div class="main w1200">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzfjs/">{_e(info.column)}</a></div>
{box_html}
<div class="article">
<div class="title" style="text-align:center"><h1>{_e(info.title)}</h1></div>
<div class="info">{info_line}浏览次数：<span id="hits">1024</span>　【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
<div id="zoom">
{_body(blocks, ' style="text-indent:2em"', p_cells=False)}
</div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="xgxx"><h3>相关信息</h3><ul>
{_related(info)}
</ul></div>
</div>
<div class="footer"><div class="links">友情链接：<a href="http://www.gov.cn">中国政府网</a> <a href="#">省人民政府</a> <a href="#">市人民政府</a></div>
<p>{FOOTER_NUMBERS.format(site=_e(info.site))}</p><p>技术支持：大汉网络</p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></div>
</body>
</html>
"""


def _trs(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    head_meta = _meta_tags(info) if meta else ""
    info_line = f"<span>时间：{_e(info.publish)}</span><span>来源：{_e(info.publisher)}</span>" if box else ""
    box_html = (
        f"""<div class="xxgk_info"><ul>
<li><b>索引号：</b>{_e(info.index_no)}</li>
<li><b>发布机构：</b>{_e(info.publisher)}</li>
<li><b>发文日期：</b>{_date(info)}</li>
<li><b>主题分类：</b>法治政府建设</li>
<li><b>发文字号：</b>{_e(info.doc_number or "")}</li>
<li><b>公开方式：</b>主动公开</li>
</ul></div>"""
        if box
        else ""
    )
    sidebar = """<div class="right"><div class="rdxx"><h3>热点信息</h3><ul>
<li><a href="#">全县开展“宪法宣传周”活动120场次</a></li>
<li><a href="#">县司法局组织行政执法人员培训2期</a></li>
<li><a href="#">我县调解矛盾纠纷3200余件</a></li></ul></div></div>"""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
{head_meta}
<title>{_e(info.title)}-{_e(info.site)}</title>
<link rel="stylesheet" href="../../../css/style.css">
<script src="../../../js/jquery.min.js"></script>
{SCRIPT}
</head>
<body>
<div class="top"><div class="container"><a href="/">{_e(info.site)}</a><span class="weather">今天是2025年3月20日 星期四</span></div></div>
<div class="menu"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwdt/">政务动态</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/gzhd/">公众互动</a></li></ul></div>
<div class="container">
<div class="crumb">您当前的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/fzzfjs/">{_e(info.column)}</a></div>
<div class="left">
{box_html}
<div class="article">
<h2 class="sp_title">{_e(info.title)}</h2>
<div class="sp_time">{info_line}<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="TRS_Editor"><div class="view TRS_UEDITOR trs_paper_default trs_web">
{_body(blocks, "", p_cells=True, table_cls="MsoNormalTable")}
</div></div>
<div class="fx">分享到：<a class="wx">微信</a><a class="wb">微博</a>　扫一扫在手机打开当前页</div>
</div>
<div class="xgwz"><h3>相关文章</h3><ul>
{_related(info)}
</ul></div>
</div>
{sidebar}
</div>
<div class="foot"><p>{FOOTER_NUMBERS.format(site=_e(info.site))}</p><p>版权所有：{_e(info.site)}　技术支持：拓尔思信息技术股份有限公司</p></div>
</body>
</html>
"""


def _ucap(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    head_meta = _meta_tags(info) if meta else ""
    info_line = f'{_e(info.publish)}<span class="font">来源：{_e(info.publisher)}</span>' if box else ""
    box_html = (
        f"""<table class="bd1" width="100%" border="0" cellspacing="1" cellpadding="0">
<tbody>
<tr><td width="90"><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td width="260">{_e(info.index_no)}</td>
<td width="90"><b>主题分类：</b></td><td>综合政务\\其他</td></tr>
<tr><td><b>发文机关：</b></td><td>{_e(info.publisher)}</td><td><b>成文日期：</b></td><td>{_date(info)}</td></tr>
<tr><td><b>标&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;题：</b></td><td colspan="3">{_e(info.title)}</td></tr>
<tr><td><b>发文字号：</b></td><td>{_e(info.doc_number or "")}</td><td><b>发布日期：</b></td><td>{_date(info)}</td></tr>
</tbody></table>"""
        if box
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
{head_meta}
<title>{_e(info.title)}_{_e(info.column)}_{_e(info.site)}</title>
<link rel="stylesheet" href="/images/ucap/common.css">
{SCRIPT}
</head>
<body>
<div class="header"><div class="header_top"><a href="/">首页</a> | <a href="/english/">English</a> | <a href="#">简</a>/<a href="#">繁</a></div>
<div class="header_nav"><a href="/">首页</a><a href="/zwgk/">信息公开</a><a href="/bmfw/">便民服务</a><a href="/hygq/">互动交流</a><a href="/sjfb/">数据发布</a></div></div>
<div class="BreadcrumbNav">首页 &gt; 信息公开 &gt; {_e(info.column)}</div>
<div class="main">
{box_html}
<div class="article">
<h1 id="ti">{_e(info.title)}</h1>
<div class="pages-date">{info_line}<span class="font index_switchsize">【字体：<span>大</span><span>中</span><span>小</span>】</span></div>
<div class="pages_content" id="UCAP-CONTENT"><div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">
{_body(blocks, ' style="text-indent: 2em; text-align: justify;"', table_cls="MsoTableGrid")}
</div></div>
<div class="editor">【我要打印】【关闭】</div>
</div>
<div class="relevant"><div class="relevant_title">相关稿件</div><ul>
{_related(info)}
</ul></div>
</div>
<div class="footer"><div class="footer_nav"><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">使用帮助</a> | <a href="#">隐私声明</a></div>
<p>{FOOTER_NUMBERS.format(site=_e(info.site))}</p></div>
</body>
</html>
"""


def _dl_box(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    # this platform declares no charset (the server's header did); meta tags as the 2017 guideline asks
    head_meta = _meta_tags(info) if meta else ""
    box_html = (
        f"""<div class="xxgk-table"><dl>
<dt>索引号：</dt><dd>{_e(info.index_no)}</dd>
<dt>信息分类：</dt><dd>法治政府建设</dd>
<dt>发布机构：</dt><dd>{_e(info.publisher)}</dd>
<dt>生成日期：</dt><dd>{_date(info)}</dd>
<dt>文号：</dt><dd>{_e(info.doc_number or "无")}</dd>
<dt>公开形式：</dt><dd>主动公开</dd>
</dl></div>"""
        if box
        else ""
    )
    return f"""<html>
<head>
<title>{_e(info.title)}-{_e(info.site)}</title>
{head_meta}
<meta name="keywords" content="{_e(info.site)},政府信息公开">
<link type="text/css" rel="stylesheet" href="/style/xxgk.css">
{SCRIPT}
</head>
<body>
<table width="1000" align="center"><tr><td><img src="/images/banner.jpg"></td></tr></table>
<div id="menu"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a> <a href="/xxgk/zn/">公开指南</a> <a href="/xxgk/nb/">公开年报</a> <a href="/xxgk/ysq/">依申请公开</a></div>
<div class="wz">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/xxgk/">政府信息公开</a> &gt;&gt; {_e(info.column)}</div>
<div class="leftmenu"><ul><li><a href="#">机构职能</a></li><li><a href="#">政策文件</a></li><li><a href="#">规划计划</a></li><li><a href="#">{_e(info.column)}</a></li></ul></div>
{box_html}
<div class="content">
<h1 class="contTitle">{_e(info.title)}</h1>
<div class="contText" id="NewsContent">
{_body(blocks, "", table_cls="plain")}
</div>
<div class="contTools"><a href="javascript:window.print();">[打印]</a> <a href="javascript:window.close();">[关闭]</a></div>
<div class="sxp">上一篇：<a href="#">{_e(info.related[0] if info.related else "无")}</a><br>下一篇：<a href="#">没有了</a></div>
</div>
<div id="footer">{FOOTER_NUMBERS.format(site=_e(info.site))}</div>
</body>
</html>
"""


def _html5(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    head_meta = (
        "\n".join(
            f'<meta name="{k}" content="{_e(v)}">'
            for k, v in (("ArticleTitle", info.title), ("PubDate", info.publish), ("ColumnName", info.column))
        )
        if meta
        else ""
    )
    box_html = (
        f"""<div class="zw-info">
<div class="item"><span class="label">索引号</span><span class="value">{_e(info.index_no)}</span></div>
<div class="item"><span class="label">发布机构</span><span class="value">{_e(info.publisher)}</span></div>
<div class="item"><span class="label">发布日期</span><span class="value">{_date(info)}</span></div>
<div class="item"><span class="label">文号</span><span class="value">{_e(info.doc_number or "")}</span></div>
</div>"""
        if box
        else ""
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width,initial-scale=1">
{head_meta}
<meta property="og:title" content="{_e(info.title)}">
<title>{_e(info.title)} - {_e(info.site)}</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"WebPage","name":"{_e(info.site)}"}}</script>
</head>
<body>
<header class="site-header"><a class="logo" href="/">{_e(info.site)}</a>
<nav class="main-nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/sjfb/">数据发布</a></nav></header>
<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">首页</a> / <a href="/zwgk/">政务公开</a> / <span>{_e(info.column)}</span></nav>
<main class="container">
<article class="article">
<h1 class="article-title">{_e(info.title)}</h1>
{box_html}
<div class="article-content">
{_body(blocks, "", table_cls="table")}
</div>
<div class="article-tools"><button onclick="window.print()">打印</button><button>分享</button><span>浏览量：2,316</span></div>
</article>
<aside class="related"><h2>相关阅读</h2><ul>
{_related(info)}
</ul></aside>
</main>
<footer class="site-footer"><p>{FOOTER_NUMBERS.format(site=_e(info.site))}</p><p>粤ICP备12345678号 网站标识码：4400000099</p></footer>
</body>
</html>
"""


def _word_export(info: PageInfo, blocks: list[Block], meta: bool, box: bool, charset: str) -> str:
    paras = []
    for b in blocks:
        if isinstance(b, str):
            paras.append(
                f'<p class=MsoNormal style="text-indent:32.0pt;line-height:28.0pt"><span '
                f"style='font-size:16.0pt;font-family:仿宋_GB2312'>{_e(b)}<span lang=EN-US><o:p></o:p></span></span></p>"
            )
        else:
            paras.append(_table(b, "MsoTableGrid", p_cells=True))
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{_e(info.title)}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties><o:Author>Administrator</o:Author><o:Pages>3</o:Pages><o:Words>1234</o:Words></o:DocumentProperties>
</xml><![endif]-->
<style><!-- p.MsoNormal {{mso-style-parent:"";margin:0cm;font-size:10.5pt;}} --></style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1 style='layout-grid:15.6pt'>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{_e(info.title)}</span></b></p>
{chr(10).join(paras)}
</div>
</body>
</html>
"""


RENDER = {
    "hanweb": _hanweb,
    "trs": _trs,
    "ucap": _ucap,
    "dl_box": _dl_box,
    "html5": _html5,
    "word_export": _word_export,
}


def render_page(
    layout: str,
    info: PageInfo,
    blocks: list[Block],
    *,
    meta: bool = True,
    box: bool = True,
    charset: str | None = None,
    meta_info: PageInfo | None = None,
) -> bytes:
    """The page as bytes. `meta=False` drops the government meta tags, `box=False` the info box and
    the date/source line above the text;
    `meta_info` gives the meta tags other values than the visible page (to test which one wins)."""
    enc = charset or DEFAULT_CHARSET[layout]
    declared = {"gb18030": "gb2312", "utf-8": "utf-8", "big5": "big5"}.get(enc, enc)
    page = RENDER[layout](info, blocks, meta, box, declared)
    if meta and meta_info is not None:
        page = page.replace(_meta_tags(info), _meta_tags(meta_info))
    page = re.sub(r"\n{3,}", "\n\n", page)
    return page.encode(enc)


@dataclass
class FixturePage:
    """One test page: a plain-text report of the repository (its twin), rendered in one layout, with
    one passage of the twin shown as a table instead of a sentence."""

    name: str
    layout: str
    twin: str  # path of the plain-text twin, relative to the repository root
    title_lines: int  # lines at the top of the twin that are its title (the page shows them as <h1>)
    info: PageInfo
    sentence: str  # the twin's sentence the page shows as `table`
    table: list[list[str]]
    meta: bool = True
    box: bool = True


FIXTURE_PAGES = (
    FixturePage(
        "hanweb_muye_2024",
        "hanweb",
        "seeds/reports/000_0e8ab8da4e11ecb3.txt",
        2,
        PageInfo(
            title="木叶乡人民政府2024年法治政府建设情况报告",
            publish="2025-01-20 09:30",
            publisher="木叶乡人民政府",
            site="云溪县人民政府",
            index_no="431027001/2025-00012",
            related=["木叶乡2023年法治政府建设情况报告", "云溪县2024年法治政府建设年度报告"],
        ),
        "今年以来，累计发放宣传资料5000余份，举办法律讲座4场，受教育群众达2000余人次，",
        [
            ["项目", "数量"],
            ["发放宣传资料", "5000余份"],
            ["举办法律讲座", "4场"],
            ["受教育群众", "2000余人次"],
        ],
    ),
    FixturePage(
        "trs_zhangbaqiao_2023",
        "trs",
        "seeds/reports/001_0376ecbf1b3a9eef.txt",
        1,
        PageInfo(
            title="关于2023年法治政府建设情况的报告",
            publish="2024-02-28 16:05",
            publisher="宝丰县张八桥镇人民政府",
            site="宝丰县人民政府",
            index_no="410421-002/2024-00031",
            doc_number="张政〔2024〕6号",
            related=["张八桥镇开展宪法宣传日活动发放资料800份", "宝丰县2023年法治政府建设年度报告"],
        ),
        "今年以来，镇、村两级公共法律服务机构共受理、调解纠纷143起，调解成功138起，引导走法律途径5起，",
        [
            ["单位", "受理、调解纠纷", "调解成功", "引导走法律途径"],
            ["镇、村两级公共法律服务机构", "143起", "138起", "5起"],
        ],
    ),
    FixturePage(
        "ucap_wafang_2024",
        "ucap",
        "seeds/reports/002_f82477565849e862.txt",
        3,
        PageInfo(
            title="瓦房镇人民政府2024年法治政府建设年度报告",
            publish="2025-03-12 11:20",
            publisher="瓦房镇人民政府",
            site="平城县人民政府",
            index_no="11340000MB0123456X/202503-00008",
            related=["瓦房镇2023年法治政府建设年度报告", "平城县全面推进依法行政工作会议召开"],
        ),
        "全年共举办行政执法培训班4期，培训执法人员76人次，",
        [["培训内容", "完成情况"], ["举办行政执法培训班", "4期"], ["培训执法人员", "76人次"]],
    ),
    FixturePage(
        "dl_box_gaozhuang_2024",
        "dl_box",
        "seeds/reports/003_aa655783a9e9278f.txt",
        1,
        PageInfo(
            title="关于2024年法治政府建设情况的报告",
            publish="2025-02-14 08:50",
            publisher="临泉县高庄镇人民政府",
            site="临泉县人民政府",
            index_no="5113000001/2025-000215",
            related=["高庄镇2023年法治政府建设情况的报告"],
        ),
        "2024年，司法所及公职律师共审查重大行政决策5件，重大项目12个，司法所所长列席镇党委（扩大）会议16次，",
        [
            ["审查事项", "数量"],
            ["司法所及公职律师共审查重大行政决策", "5件"],
            ["审查重大项目", "12个"],
            ["司法所所长列席镇党委（扩大）会议", "16次"],
        ],
    ),
    FixturePage(
        "html5_chengdong_2024",
        "html5",
        "tests/fixtures/extraction/reports/street_2024.txt",
        1,
        PageInfo(
            title="城东街道办事处2024年度法治政府建设工作报告",
            publish="2025-03-28 15:00",
            publisher="江城区城东街道办事处",
            site="江城区人民政府",
            index_no="007345678/2025-00102",
            related=["城东街道2023年度法治政府建设工作报告", "江城区召开法治政府建设推进会 部署工作12项"],
        ),
        "全年开展执法检查213次，办理行政处罚案件38件，罚没款合计12.6万元，",
        [
            ["执法事项", "数量"],
            ["开展执法检查", "213次"],
            ["办理行政处罚案件", "38件"],
            ["罚没款合计", "12.6万元"],
        ],
    ),
    FixturePage(
        "word_export_qingshi_2024",
        "word_export",
        "tests/fixtures/warehouse/reports/qingshi_2024.txt",
        2,
        PageInfo(
            title="青石镇人民政府2024年法治政府建设情况报告",
            publish="2025-03-20 10:15",
            publisher="青石镇人民政府",
            site="",
        ),
        "全年开展普法宣传活动18场，发放宣传资料2600余份，举办法律讲座9场。",
        [["开展普法宣传活动", "发放宣传资料", "举办法律讲座"], ["18场", "2600余份", "9场"]],
        meta=False,
        box=False,
    ),
)


def fixture_page(fx: FixturePage, root: str | None = None, **overrides: object) -> bytes:
    """Render one fixture page from its twin (read from the repository at `root`, default: this checkout)."""
    from pathlib import Path  # noqa: PLC0415

    base = Path(root) if root else Path(__file__).resolve().parents[1]
    text = (base / fx.twin).read_text(encoding="utf-8")
    blocks = with_table(body_blocks(text, fx.title_lines), fx.sentence, fx.table)
    kw: dict[str, object] = {"meta": fx.meta, "box": fx.box, **overrides}
    return render_page(fx.layout, fx.info, blocks, **kw)  # type: ignore[arg-type]
