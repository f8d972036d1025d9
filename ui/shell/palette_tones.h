// Status colours chosen for the current palette, so the same meaning reads well on light and dark themes.
#pragma once

#include <QColor>
#include <QPalette>

namespace otter::ui {

enum class Tone {
    Good,              // online
    Busy,              // connecting, reconnecting
    Bad,               // offline
    Neutral,           // unknown
    WarningBackground, // offline banner, changed-field highlight
    WarningText,
    DangerBackground, // refused CA
    DangerText,
};

bool isDarkPalette(const QPalette &palette);
QColor toneColour(Tone tone, const QPalette &palette);

} // namespace otter::ui
