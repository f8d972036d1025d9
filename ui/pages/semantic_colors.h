// Semantic colours (error red, warning amber, success green) picked to read on light and dark palettes.
#pragma once

#include <QColor>
#include <QPalette>

namespace otter::ui {

enum class Semantic { Error, Warning, Success };

// The only hard-coded colours in the pages: everything else comes from the palette. Text shades, darker
// than the shell's status dots on light palettes so that small text stays readable.
QColor semanticColor(Semantic kind, const QPalette &palette);

} // namespace otter::ui
