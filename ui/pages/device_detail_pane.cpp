// DeviceDetailPane: a read-only form plus a history list; the fields are plain labels so text can be copied.
#include "ui/pages/device_detail_pane.h"

#include "ui/pages/semantic_colors.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace otter::ui {
namespace {

QString formatTime(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

std::optional<Semantic> stateSemantic(const QString &state)
{
    if (state == u"UPDATE_FAILED" || state == u"FAILED" || state == u"ROLLED_BACK")
        return Semantic::Error;
    if (state == u"UPDATING" || state.endsWith(u"ING") || state == u"PENDING")
        return Semantic::Warning;
    if (state == u"SUCCEEDED")
        return Semantic::Success;
    return std::nullopt;
}

} // namespace

DeviceDetailPane::DeviceDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    auto *hint =
        new QLabel(tr("Select a device to see its versions, banks and deployment history."), m_stack);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(hint);

    auto *content = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(content);
    m_title = new QLabel(content);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_form = new QFormLayout();
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);
    for (const QString &label :
         {tr("State"), tr("Firmware"), tr("Security version"), tr("Bank A"), tr("Bank B"),
          tr("Hardware class"), tr("Region"), tr("Labels"), tr("Last seen")})
        addField(label);

    auto *historyTitle = new QLabel(tr("Deployment history"), content);
    QFont bold = historyTitle->font();
    bold.setBold(true);
    historyTitle->setFont(bold);
    layout->addWidget(historyTitle);
    m_history = new QTreeWidget(content);
    m_history->setRootIsDecorated(false);
    m_history->setUniformRowHeights(true);
    m_history->setHeaderLabels(
        {tr("Time"), tr("Rollout"), tr("Release"), tr("From"), tr("State"), tr("Detail")});
    m_history->header()->setStretchLastSection(true);
    layout->addWidget(m_history, 1);
    m_stack->addWidget(content);
}

QLabel *DeviceDetailPane::addField(const QString &label)
{
    auto *value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label + u':', value);
    m_fields.append({label, value});
    return value;
}

QString DeviceDetailPane::fieldText(const QString &label) const
{
    for (const auto &[name, value] : m_fields) {
        if (name == label)
            return value->text();
    }
    return {};
}

void DeviceDetailPane::clear()
{
    m_deviceId.clear();
    m_history->clear();
    m_stack->setCurrentIndex(0);
}

void DeviceDetailPane::showDevice(const models::DeviceRecord &device)
{
    if (device.id != m_deviceId)
        m_history->clear(); // the history belongs to the previous device
    m_deviceId = device.id;
    m_title->setText(device.id);

    auto set = [this](const QString &label, const QString &text, std::optional<Semantic> semantic = {}) {
        for (const auto &[name, value] : m_fields) {
            if (name != label)
                continue;
            value->setText(text);
            QPalette palette = this->palette();
            if (semantic)
                palette.setColor(QPalette::WindowText, semanticColor(*semantic, this->palette()));
            value->setPalette(palette);
        }
    };
    const QString state = device.busy ? tr("%1 (busy)").arg(device.state) : device.state;
    set(tr("State"), state, stateSemantic(device.state));
    set(tr("Firmware"), device.firmwareVersion);
    set(tr("Security version"), QString::number(device.securityVersion));

    // The active bank runs the reported firmware; the other holds the previous or a freshly written image.
    auto bankText = [&](const QString &bank) {
        if (device.activeBank.isEmpty())
            return tr("unknown");
        if (device.activeBank == bank)
            return tr("%1 — active, running").arg(device.firmwareVersion);
        return device.inactiveBankVersion.isEmpty()
                   ? tr("empty — inactive")
                   : tr("%1 — inactive, fallback").arg(device.inactiveBankVersion);
    };
    set(tr("Bank A"), bankText(QStringLiteral("A")));
    set(tr("Bank B"), bankText(QStringLiteral("B")));
    set(tr("Hardware class"), device.hardwareClass);
    set(tr("Region"), device.region);
    QStringList labels;
    for (auto it = device.labels.cbegin(); it != device.labels.cend(); ++it)
        labels.append(it.key() + u'=' + it.value());
    set(tr("Labels"), labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", ")));
    set(tr("Last seen"), device.lastSeen.isValid() ? formatTime(device.lastSeen) : tr("never"));
    m_stack->setCurrentIndex(1);
}

void DeviceDetailPane::showDeploymentHistory(const QList<DeploymentHistoryEntry> &history)
{
    m_history->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(history.size());
    for (const DeploymentHistoryEntry &entry : history) {
        auto *item = new QTreeWidgetItem(
            {formatTime(entry.time), entry.rolloutName.isEmpty() ? entry.rolloutId : entry.rolloutName,
             entry.releaseVersion, entry.fromVersion, entry.state, entry.detail});
        item->setToolTip(1, entry.rolloutId);
        item->setToolTip(5, entry.detail);
        if (const auto semantic = stateSemantic(entry.state))
            item->setForeground(4, semanticColor(*semantic, palette()));
        items.append(item);
    }
    m_history->addTopLevelItems(items);
    for (int column = 0; column < m_history->columnCount() - 1; ++column)
        m_history->resizeColumnToContents(column);
}

} // namespace otter::ui
