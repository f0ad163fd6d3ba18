// Article emission: the selected containers -> paragraphs, with what does not
// belong to an article removed on the way ("conditional cleaning", after
// Readability): blocks whose class/id weight plus score is negative, link
// farms, image galleries without text, forms, embeds, empty blocks, and the
// heading that repeats the title. Headings, lists, quotes and tables that
// pass stay.
//
// Thread safety: pure functions over the caller's table.
#pragma once

#include <string>
#include <string_view>

#include "clean/paragraphs.h"
#include "extract/content_scorer.h"
#include "extract/node_table.h"

namespace reprint::extract {

// Returns true iff `row`, inside the article, is furniture to drop.
bool DropInsideArticle(const NodeTable& table, int32_t row);

// Appends the paragraphs of selection.roots to *out.
void EmitArticle(const NodeTable& table, const Selection& selection, const ScoreFlags& flags,
                 std::string_view title, clean::ParagraphBuilder* out);

}  // namespace reprint::extract
