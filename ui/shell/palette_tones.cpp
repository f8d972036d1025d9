// Light and dark variants of the console's status colours.
#include "ui/shell/palette_tones.h"

namespace otter::ui {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor toneColour(Tone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x4c, 0xc3, 0x6b) : QColor(0x1e, 0x8e, 0x3e);
    case Tone::Busy:
        return dark ? QColor(0xf2, 0xb8, 0x3c) : QColor(0xd9, 0x8c, 0x00);
    case Tone::Bad:
        return dark ? QColor(0xf2, 0x6d, 0x6d) : QColor(0xc6, 0x28, 0x28);
    case Tone::Neutral:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case Tone::WarningBackground:
        return dark ? QColor(0x4a, 0x3b, 0x0a) : QColor(0xff, 0xf1, 0xc4);
    case Tone::WarningText:
        return dark ? QColor(0xff, 0xe0, 0x8a) : QColor(0x5c, 0x43, 0x00);
    case Tone::DangerBackground:
        return dark ? QColor(0x5a, 0x1d, 0x1d) : QColor(0xfd, 0xe2, 0xe1);
    case Tone::DangerText:
        return dark ? QColor(0xff, 0xb4, 0xab) : QColor(0x8c, 0x1d, 0x18);
    }
    return palette.color(QPalette::WindowText);
}

} // namespace otter::ui
