// The console's icons by name (resources/icons/<name>.svg), recoloured from the palette.
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace otter::ui {

// name is the file's base name, e.g. "devices". An unknown name gives a null icon (and a warning once).
QIcon themedIcon(const QString &name, QColor fixedColour = {});

} // namespace otter::ui
