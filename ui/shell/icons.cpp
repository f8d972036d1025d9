// Loads each icon's SVG once from the compiled-in resources and hands out palette-following QIcons.
#include "ui/shell/icons.h"

#include "ui/shell/svg_icon_document.h"
#include "ui/shell/svg_icon_engine.h"

#include <QHash>
#include <QLoggingCategory>

#include <memory>

using namespace Qt::StringLiterals;

// The resources live in a static library; referencing the initialiser here keeps the linker from dropping
// them.
static void initialiseOtterResources()
{
    Q_INIT_RESOURCE(otter_ui);
}

namespace otter::ui {

Q_LOGGING_CATEGORY(lcIcons, "otter.ui.icons")

QIcon themedIcon(const QString &name, QColor fixedColour)
{
    static const bool initialised = (initialiseOtterResources(), true);
    Q_UNUSED(initialised);
    static QHash<QString, std::shared_ptr<const SvgIconDocument>> documents;
    auto found = documents.find(name);
    if (found == documents.end()) {
        auto document = std::make_shared<const SvgIconDocument>(
            SvgIconDocument::fromFile(u":/otter/icons/%1.svg"_s.arg(name)));
        if (!document->isValid())
            qCWarning(lcIcons) << "no usable icon named" << name;
        found = documents.insert(name, document);
    }
    if (!found.value()->isValid())
        return {};
    return QIcon(new SvgIconEngine(found.value(), fixedColour));
}

} // namespace otter::ui
