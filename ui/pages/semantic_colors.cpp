// Semantic colours: darker shades on light backgrounds, lighter ones on dark, so contrast stays readable.
#include "ui/pages/semantic_colors.h"

#include "ui/shell/palette_tones.h"

namespace otter::ui {

QColor semanticColor(Semantic kind, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (kind) {
    case Semantic::Error:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    case Semantic::Warning:
        return dark ? QColor(0xff, 0xc1, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case Semantic::Success:
        return dark ? QColor(0x66, 0xd1, 0x7a) : QColor(0x2e, 0x7d, 0x32);
    }
    return palette.color(QPalette::Text);
}

} // namespace otter::ui
