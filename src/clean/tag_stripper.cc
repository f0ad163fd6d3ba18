#include "clean/tag_stripper.h"

#include "clean/entities.h"
#include "clean/html_lexer.h"
#include "clean/html_tags.h"

namespace reprint::clean {
namespace {

constexpr int kEntityRounds = 3;

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

void TagStripper::AppendText(std::string_view raw, ParagraphBuilder* out) {
  DecodeEntities(raw, EntityMode::kAll, kEntityRounds, &decoded_, &scratch_);
  out->Append(decoded_);
}

void TagStripper::Strip(std::string_view html, ParagraphBuilder* out, std::string* title) {
  HtmlLexer lexer(html);
  // Skipped subtree (svg, template, ...): its name and how many elements of
  // that name are open inside it. Elements of other names are not tracked,
  // so the skip ends at the matching end tag even in broken markup.
  std::string_view skip_name;
  size_t skip_nesting = 0;
  for (;;) {
    const HtmlLexer::Token tok = lexer.Next();
    if (tok.kind == HtmlLexer::Kind::kEnd) break;
    if (!skip_name.empty()) {
      if (tok.kind == HtmlLexer::Kind::kStartTag && !tok.self_closing &&
          EqualsNoCase(tok.name, skip_name)) {
        ++skip_nesting;
      } else if (tok.kind == HtmlLexer::Kind::kEndTag && EqualsNoCase(tok.name, skip_name) &&
                 --skip_nesting == 0) {
        skip_name = {};
      }
      continue;
    }
    const uint8_t flags = tok.kind == HtmlLexer::Kind::kText ? 0 : TagFlagsOf(tok.name);
    switch (tok.kind) {
      case HtmlLexer::Kind::kText:
        AppendText(tok.text, out);
        break;
      case HtmlLexer::Kind::kRawText:
        if (EqualsNoCase(tok.name, "title")) {
          if (title->empty()) {
            ParagraphBuilder one;
            DecodeEntities(tok.text, EntityMode::kAll, kEntityRounds, &decoded_, &scratch_);
            one.Append(decoded_);
            one.Break();
            if (!one.paragraphs().empty()) title->assign(one.paragraph(0));
          }
        } else if (!(flags & kTagDrop)) {
          AppendText(tok.text, out);  // <xmp>, <plaintext>: text shown as is
        }
        break;
      case HtmlLexer::Kind::kStartTag:
        // head's end tag is often omitted, so only its raw-text children
        // (title, script, style) are dropped, not the element.
        if ((flags & kTagDrop) && !(flags & (kTagRawText | kTagVoid)) && !tok.self_closing &&
            !EqualsNoCase(tok.name, "head")) {
          skip_name = tok.name;
          skip_nesting = 1;
        } else if (flags & kTagBlock) {
          out->Break();
        }
        break;
      case HtmlLexer::Kind::kEndTag:
        if (flags & kTagBlock) out->Break();
        break;
      case HtmlLexer::Kind::kEnd:
        break;
    }
  }
  out->Break();
}

}  // namespace reprint::clean
