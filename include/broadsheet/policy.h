// broadsheet — the output policy: every element and attribute broadsheet can ever emit.
//
// This file is the allowlist, kept as data so that it can be reviewed in one place. The Writer
// accepts only these enum values, so no code path can produce a tag or attribute missing here.
// The JavaScript DOM builder maps the same numeric codes through web/policy.js, which
// scripts/gen_tables.mjs writes from the X-macro tables below (the build runs it).
//
// Codes are part of the WASM <-> JS contract: append new entries at the end of a list.
#ifndef BROADSHEET_POLICY_H
#define BROADSHEET_POLICY_H

#include <cstdint>
#include <string_view>

namespace broadsheet {

// Element flags.
enum TagFlag : uint8_t {
  kTagVoid = 1,         // has no content and no end tag (img, br, hr, input, wbr, source)
  kTagUserContent = 2,  // may come from sanitized raw HTML in a body (the sanitizer's allowlist)
};

// X(enum name, HTML name, flags), in byte order of the names (find_tag bisects; the build checks).
// Elements without kTagUserContent are article furniture that only broadsheet's own layout code
// emits (the subscribe form, navigation landmarks); raw HTML asking for them is unwrapped.
#define BROADSHEET_TAGS(X)                     \
  X(A, "a", kTagUserContent)                   \
  X(Abbr, "abbr", kTagUserContent)             \
  X(Article, "article", 0)                     \
  X(Aside, "aside", 0)                         \
  X(B, "b", kTagUserContent)                   \
  X(Blockquote, "blockquote", kTagUserContent) \
  X(Br, "br", kTagVoid | kTagUserContent)      \
  X(Button, "button", 0)                       \
  X(Caption, "caption", kTagUserContent)       \
  X(Cite, "cite", kTagUserContent)             \
  X(Code, "code", kTagUserContent)             \
  X(Dd, "dd", kTagUserContent)                 \
  X(Del, "del", kTagUserContent)               \
  X(Details, "details", kTagUserContent)       \
  X(Dfn, "dfn", kTagUserContent)               \
  X(Div, "div", kTagUserContent)               \
  X(Dl, "dl", kTagUserContent)                 \
  X(Dt, "dt", kTagUserContent)                 \
  X(Em, "em", kTagUserContent)                 \
  X(Figcaption, "figcaption", kTagUserContent) \
  X(Figure, "figure", kTagUserContent)         \
  X(Footer, "footer", 0)                       \
  X(Form, "form", 0)                           \
  X(H1, "h1", 0)                               \
  X(H2, "h2", kTagUserContent)                 \
  X(H3, "h3", kTagUserContent)                 \
  X(H4, "h4", kTagUserContent)                 \
  X(H5, "h5", kTagUserContent)                 \
  X(H6, "h6", kTagUserContent)                 \
  X(Header, "header", 0)                       \
  X(Hr, "hr", kTagVoid | kTagUserContent)      \
  X(I, "i", kTagUserContent)                   \
  X(Img, "img", kTagVoid | kTagUserContent)    \
  X(Input, "input", kTagVoid)                  \
  X(Ins, "ins", kTagUserContent)               \
  X(Kbd, "kbd", kTagUserContent)               \
  X(Label, "label", 0)                         \
  X(Li, "li", kTagUserContent)                 \
  X(Mark, "mark", kTagUserContent)             \
  X(Nav, "nav", 0)                             \
  X(Ol, "ol", kTagUserContent)                 \
  X(P, "p", kTagUserContent)                   \
  X(Pre, "pre", kTagUserContent)               \
  X(Q, "q", kTagUserContent)                   \
  X(Rp, "rp", kTagUserContent)                 \
  X(Rt, "rt", kTagUserContent)                 \
  X(Ruby, "ruby", kTagUserContent)             \
  X(S, "s", kTagUserContent)                   \
  X(Samp, "samp", kTagUserContent)             \
  X(Section, "section", 0)                     \
  X(Small, "small", kTagUserContent)           \
  X(Span, "span", kTagUserContent)             \
  X(Strong, "strong", kTagUserContent)         \
  X(Sub, "sub", kTagUserContent)               \
  X(Summary, "summary", kTagUserContent)       \
  X(Sup, "sup", kTagUserContent)               \
  X(Table, "table", kTagUserContent)           \
  X(Tbody, "tbody", kTagUserContent)           \
  X(Td, "td", kTagUserContent)                 \
  X(Tfoot, "tfoot", kTagUserContent)           \
  X(Th, "th", kTagUserContent)                 \
  X(Thead, "thead", kTagUserContent)           \
  X(Time, "time", kTagUserContent)             \
  X(Tr, "tr", kTagUserContent)                 \
  X(U, "u", kTagUserContent)                   \
  X(Ul, "ul", kTagUserContent)                 \
  X(Var, "var", kTagUserContent)               \
  X(Wbr, "wbr", kTagVoid | kTagUserContent)

// Attribute value kinds: how the Writer treats a value before it reaches a sink.
enum class AttrKind : uint8_t {
  kText,     // any text; escaped by the sink
  kUrl,      // one URL: passes UrlPolicy or the attribute is dropped (stops javascript:, data:)
  kSrcset,   // comma-separated image candidates, each URL checked like kUrl
  kNumber,   // a non-negative integer, clamped to kMaxDimension (stops layout bombs)
  kOrdinal,  // a list number: a non-negative integer of at most 9 digits, as CommonMark allows
  kEnum,     // one of a few keywords, checked by the caller (rel, loading, dir, method…)
};

// X(enum name, HTML name, kind)
// Absent on purpose, each a known attack surface: every on* handler (script execution), style
// (CSS exfiltration and overlay), srcdoc (nested document), formaction (form hijack), name
// (DOM clobbering of document.* and form.*), ping (tracking beacons), target (tab-nabbing).
#define BROADSHEET_ATTRS(X)                               \
  X(Href, "href", AttrKind::kUrl)                         \
  X(Src, "src", AttrKind::kUrl)                           \
  X(Srcset, "srcset", AttrKind::kSrcset)                  \
  X(Sizes, "sizes", AttrKind::kText)                      \
  X(Alt, "alt", AttrKind::kText)                          \
  X(Title, "title", AttrKind::kText)                      \
  X(Width, "width", AttrKind::kNumber)                    \
  X(Height, "height", AttrKind::kNumber)                  \
  X(Loading, "loading", AttrKind::kEnum)                  \
  X(Decoding, "decoding", AttrKind::kEnum)                \
  X(Class, "class", AttrKind::kText)                      \
  X(Id, "id", AttrKind::kText)                            \
  X(Lang, "lang", AttrKind::kText)                        \
  X(Dir, "dir", AttrKind::kEnum)                          \
  X(Rel, "rel", AttrKind::kEnum)                          \
  X(Datetime, "datetime", AttrKind::kText)                \
  X(Colspan, "colspan", AttrKind::kNumber)                \
  X(Rowspan, "rowspan", AttrKind::kNumber)                \
  X(Align, "align", AttrKind::kEnum)                      \
  X(Start, "start", AttrKind::kOrdinal)                   \
  X(Type, "type", AttrKind::kEnum)                        \
  X(Checked, "checked", AttrKind::kEnum)                  \
  X(Disabled, "disabled", AttrKind::kEnum)                \
  X(Cite, "cite", AttrKind::kUrl)                         \
  X(Open, "open", AttrKind::kEnum)                        \
  X(Method, "method", AttrKind::kEnum)                    \
  X(Action, "action", AttrKind::kUrl)                     \
  X(Name, "name", AttrKind::kEnum)                        \
  X(Autocomplete, "autocomplete", AttrKind::kEnum)        \
  X(Placeholder, "placeholder", AttrKind::kText)          \
  X(Required, "required", AttrKind::kEnum)                \
  X(For, "for", AttrKind::kText)                          \
  X(AriaLabel, "aria-label", AttrKind::kText)             \
  X(AriaLabelledby, "aria-labelledby", AttrKind::kText)   \
  X(AriaLive, "aria-live", AttrKind::kEnum)               \
  X(AriaInvalid, "aria-invalid", AttrKind::kEnum)         \
  X(AriaDescribedby, "aria-describedby", AttrKind::kText) \
  X(AriaHidden, "aria-hidden", AttrKind::kEnum)           \
  X(Role, "role", AttrKind::kEnum)                        \
  X(Reversed, "reversed", AttrKind::kEnum)                \
  X(Value, "value", AttrKind::kOrdinal)                   \
  X(Scope, "scope", AttrKind::kEnum)                      \
  X(Abbr, "abbr", AttrKind::kText)                        \
  X(DataBroadsheet, "data-broadsheet", AttrKind::kEnum)   \
  X(Novalidate, "novalidate", AttrKind::kEnum)            \
  X(Translate, "translate", AttrKind::kEnum)              \
  X(DataAdSlot, "data-ad-slot", AttrKind::kText)          \
  X(DataAdSizes, "data-ad-sizes", AttrKind::kText)        \
  X(Fetchpriority, "fetchpriority", AttrKind::kEnum)      \
  X(DataAdHeight, "data-ad-height", AttrKind::kNumber)

// ---- Raw HTML in article bodies (the sanitizer) ----
//
// Elements dropped together with everything inside them. Unknown elements that are not listed
// here are unwrapped instead (the tag goes, its text stays), so a typo never loses content; these
// go whole because their content is code, a nested document, or markup in another namespace that
// would be parsed differently from how it was checked. Void elements (meta, link, base, input,
// embed, frame, area, source …) need no entry: unwrapping an element without content removes it,
// attributes and all.
// X(HTML name, how a browser tokenizes its content: see HtmlTokenizer::ContentModel)
#define BROADSHEET_DROPPED_ELEMENTS(X)                                                             \
  X("script", ScriptData)   /* script execution */                                                 \
  X("style", RawText)       /* CSS: overlays, exfiltration through selectors and url() */          \
  X("template", Data)       /* inert content that a page script may clone and activate */          \
  X("noscript", RawText)    /* parsed as raw text or as markup depending on scripting: mXSS */     \
  X("iframe", RawText)      /* nested browsing context, srcdoc documents */                        \
  X("frameset", Data)       /* replaces the page body */                                           \
  X("object", Data)         /* plugins and nested documents */                                     \
  X("applet", Data)         /* plugins */                                                          \
  X("portal", Data)         /* nested browsing context */                                          \
  X("fencedframe", Data)    /* nested browsing context */                                          \
  X("svg", Data)            /* foreign content: script, event handlers, namespace confusion */     \
  X("math", Data)           /* foreign content: namespace confusion (mglyph/malignmark mXSS) */    \
  X("textarea", RcData)     /* form control; RCDATA hides markup from naive sanitizers */          \
  X("title", RcData)        /* RCDATA; changes the page title */                                   \
  X("xmp", RawText)         /* raw text: markup inside is not what it seems */                     \
  X("noembed", RawText)     /* raw text */                                                         \
  X("noframes", RawText)    /* raw text */                                                         \
  X("plaintext", PlainText) /* swallows the rest of the page */                                    \
  X("select", Data)         /* form control; its parser mode re-nests content */                   \
  X("form", Data)           /* phishing forms, form hijacking, DOM clobbering of document.forms */ \
  X("head", Data)           /* document metadata */                                                \
  X("slot", Data)           /* shadow DOM distribution into the host's components */

// Attributes allowed on raw HTML elements, per element; Tag::kCount means "on every allowed
// element". Everything else is dropped, including every on* handler, style, class (it would let
// content borrow the host page's styles), name and form-related attributes.
// X(element, attribute)
#define BROADSHEET_USER_ATTRS(X)                                           \
  X(kCount, Title)                                                         \
  X(kCount, Lang)                                                          \
  X(kCount, Dir) /* ltr, rtl or auto */                                    \
  X(kCount, Id)  /* prefixed with "user-content-": stops DOM clobbering */ \
  X(A, Href)                                                               \
  X(Img, Src)                                                              \
  X(Img, Srcset)                                                           \
  X(Img, Alt)                                                              \
  X(Img, Width)                                                            \
  X(Img, Height)                                                           \
  X(Blockquote, Cite)                                                      \
  X(Q, Cite)                                                               \
  X(Del, Cite)                                                             \
  X(Del, Datetime)                                                         \
  X(Ins, Cite)                                                             \
  X(Ins, Datetime)                                                         \
  X(Time, Datetime)                                                        \
  X(Td, Colspan)                                                           \
  X(Td, Rowspan)                                                           \
  X(Td, Align)                                                             \
  X(Th, Colspan)                                                           \
  X(Th, Rowspan)                                                           \
  X(Th, Align)                                                             \
  X(Th, Scope)                                                             \
  X(Th, Abbr)                                                              \
  X(Ol, Start)                                                             \
  X(Ol, Reversed)                                                          \
  X(Ol, Type)                                                              \
  X(Li, Value)                                                             \
  X(Details, Open)

// ---- Attribute values ----
//
// What no attribute value broadsheet writes may hold, in any letter case: the sequences that end
// a comment, a CDATA section or a raw-text or RCDATA element. Inert inside an HTML attribute, they
// become markup when a page re-serializes the DOM as XML or copies a value into such an element,
// so current sanitizers (DOMPurify's SAFE_FOR_XML rule) strip attributes holding them, and
// broadsheet's output must pass any sanitizer untouched. The Writer drops a text attribute whose
// value holds one; the raw-HTML sanitizer reports it (html_removed). URL values need no check:
// their serialization percent-encodes '<' and '>'.
// X(sequence, lowercase)
#define BROADSHEET_XML_BREAKOUTS(X)                                               \
  X("</script")   /* ends a script element: the rest of the value runs as code */ \
  X("</style")    /* ends a style element: the rest becomes markup */             \
  X("</title")    /* ends the RCDATA of a title element */                        \
  X("</textarea") /* ends the RCDATA of a textarea */                             \
  X("</xmp")      /* ends the raw text of an xmp element */                       \
  X("</noscript") /* ends a noscript, parsed as raw text or markup: mXSS */       \
  X("</iframe")   /* ends the raw text of an iframe */                            \
  X("</noembed")  /* ends the raw text of a noembed */                            \
  X("</noframes") /* ends the raw text of a noframes */                           \
  X("-->")        /* ends a comment */                                            \
  X("--!>")       /* ends a comment too (an HTML parse error, still accepted) */  \
  X("]>")         /* ends a CDATA section ("]]>") or an internal DTD subset */

#define BROADSHEET_ENUM_ENTRY(id, name, extra) id,
enum class Tag : uint8_t { BROADSHEET_TAGS(BROADSHEET_ENUM_ENTRY) kCount };
enum class Attr : uint8_t { BROADSHEET_ATTRS(BROADSHEET_ENUM_ENTRY) kCount };
#undef BROADSHEET_ENUM_ENTRY

// Largest value a kNumber attribute may carry (width, height, colspan…).
constexpr uint32_t kMaxDimension = 10000;
// Largest list number (kOrdinal): CommonMark list markers have at most 9 digits.
constexpr uint32_t kMaxOrdinal = 999999999;
// Deepest element nesting the Writer emits; deeper opens are flattened into their parent.
constexpr uint32_t kMaxDepth = 128;

std::string_view tag_name(Tag tag);
uint8_t tag_flags(Tag tag);
std::string_view attr_name(Attr attr);
AttrKind attr_kind(Attr attr);
// Whether two tag or attribute names are the same: lengths first, then one memcmp (string_view's
// operator== is a chain of calls in the size-optimized WebAssembly build). The policy lookups use
// it.
bool same_name(std::string_view a, std::string_view b);
// Looks up an element or attribute by its (lowercase) HTML name; false when not in the policy.
bool find_tag(std::string_view name, Tag& out);
bool find_attr(std::string_view name, Attr& out);
// The attribute named `name` (lowercase) when raw HTML may carry it on `tag`
// (BROADSHEET_USER_ATTRS); false for any other name.
bool find_user_attr(Tag tag, std::string_view name, Attr& out);
// The first sequence of BROADSHEET_XML_BREAKOUTS that `value` holds (ASCII letters compared
// case-insensitively); empty when it holds none.
std::string_view find_xml_breakout(std::string_view value);

}  // namespace broadsheet

#endif  // BROADSHEET_POLICY_H
