// GroupEditor: form layout, local validation before a save request, and the debounced preview.
#include "ui/pages/group_editor.h"

#include "ui/pages/compact_stack.h"
#include "ui/pages/editor_footer.h"
#include "ui/pages/error_line_edit.h"
#include "ui/pages/inline_error_edit.h"
#include "ui/pages/semantic_colors.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace otter::ui {
namespace {
constexpr int MaxNameLength = 200;
}

GroupEditor::GroupEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_dynamic(new QRadioButton(tr("Dynamic — devices matching a filter"), this))
    , m_static(new QRadioButton(tr("Static — a list of device ids"), this))
    , m_stack(new QStackedWidget(this))
    , m_filter(new InlineErrorEdit(this))
    , m_preview(new QLabel(this))
    , m_members(new QPlainTextEdit(this))
    , m_memberCount(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_new(new QPushButton(tr("New"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    m_name->setMaxLength(MaxNameLength);
    m_name->setPlaceholderText(tr("e.g. Canary gateways EU"));
    m_description->setPlaceholderText(tr("What the group is for (optional)"));
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_description->setTabChangesFocus(true);
    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_dynamic);
    kinds->addButton(m_static);

    auto *dynamicPage = new QWidget(m_stack);
    auto *dynamicLayout = new QVBoxLayout(dynamicPage);
    dynamicLayout->setContentsMargins(0, 0, 0, 0);
    m_filter->setChecker(checkFilterExpression);
    m_filter->setPlaceholderText(tr("e.g. class == \"gw-200\" and label.ring == \"canary\""));
    dynamicLayout->addWidget(m_filter);
    dynamicLayout->addWidget(m_preview);
    dynamicLayout->addStretch(1);
    m_stack->addWidget(dynamicPage);

    auto *staticPage = new QWidget(m_stack);
    auto *staticLayout = new QVBoxLayout(staticPage);
    staticLayout->setContentsMargins(0, 0, 0, 0);
    m_members->setPlaceholderText(tr("One device id per line"));
    m_members->setTabChangesFocus(true);
    staticLayout->addWidget(m_members, 1);
    staticLayout->addWidget(m_memberCount);
    m_stack->addWidget(staticPage);

    auto *form = new QFormLayout();
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    auto *kindRow = new QVBoxLayout();
    kindRow->addWidget(m_dynamic);
    kindRow->addWidget(m_static);
    form->addRow(tr("Membership:"), kindRow);
    form->addRow(QString(), m_stack);

    setUpProblemLabel(m_problem);
    QHBoxLayout *buttons = editorButtonRow(m_new, m_delete, m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    connect(m_dynamic, &QRadioButton::toggled, this,
            [this](bool dynamic) { showCompactPage(m_stack, dynamic ? 0 : 1); });
    connect(m_filter, &InlineErrorEdit::textSettled, this, &GroupEditor::previewRequested);
    connect(m_filter, &InlineErrorEdit::submitted, this, &GroupEditor::previewRequested);
    connect(m_filter, &InlineErrorEdit::edited, this, [this] {
        m_preview->setText(m_filter->hasError() ? tr("Fix the filter to see how many devices it matches.")
                                                : tr("Counting matching devices…"));
    });
    connect(m_members, &QPlainTextEdit::textChanged, this, &GroupEditor::updateStaticCount);
    connect(m_new, &QPushButton::clicked, this, [this] {
        startNewGroup();
        emit newGroupStarted();
    });
    connect(m_save, &QPushButton::clicked, this, &GroupEditor::save);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_isNew)
            emit deleteRequested(m_loaded.id, m_loaded.revision);
    });
    startNewGroup();
}

void GroupEditor::setGroup(const models::GroupRecord &group)
{
    m_loaded = group;
    m_isNew = false;
    m_name->setText(group.name);
    m_description->setPlainText(group.description);
    m_filter->setText(group.filter.value_or(QString()));
    m_members->setPlainText(group.staticMembers.join(u'\n'));
    setMembership(group.filter ? Membership::Dynamic : Membership::Static);
    showProblem({});
    updateButtons();
    if (group.filter && !m_filter->hasError()) {
        m_preview->setText(tr("Counting matching devices…"));
        emit previewRequested(*group.filter);
    }
}

void GroupEditor::startNewGroup()
{
    m_loaded = {};
    m_isNew = true;
    m_name->clear();
    m_description->clear();
    m_filter->setText(QString());
    m_members->clear();
    m_preview->setText(tr("An empty filter matches every device."));
    setMembership(Membership::Dynamic);
    showProblem({});
    updateButtons();
}

models::GroupRecord GroupEditor::group() const
{
    models::GroupRecord edited = m_loaded;
    edited.name = m_name->text().trimmed();
    edited.description = m_description->toPlainText().trimmed();
    if (membership() == Membership::Dynamic) {
        edited.filter = m_filter->text().trimmed();
        edited.staticMembers.clear();
    } else {
        edited.filter.reset();
        edited.staticMembers = staticIds(nullptr);
    }
    return edited;
}

void GroupEditor::setMembership(Membership membership)
{
    (membership == Membership::Dynamic ? m_dynamic : m_static)->setChecked(true);
    showCompactPage(m_stack, membership == Membership::Dynamic ? 0 : 1);
}

GroupEditor::Membership GroupEditor::membership() const
{
    return m_static->isChecked() ? Membership::Static : Membership::Dynamic;
}

void GroupEditor::setPreviewCount(qint64 matching)
{
    m_preview->setText(tr("Matches %1 devices.").arg(QLocale().toString(matching)));
}

void GroupEditor::setPreviewError(int column, const QString &message)
{
    m_filter->showError(InlineError{column, 1, message});
    m_preview->setText(tr("Fix the filter to see how many devices it matches."));
}

QString GroupEditor::previewText() const
{
    return m_preview->text();
}

void GroupEditor::setEditable(bool editable, const QString &reasonTooltip)
{
    m_editable = editable;
    m_name->setReadOnly(!editable);
    m_description->setReadOnly(!editable);
    m_filter->lineEdit()->setReadOnly(!editable);
    m_members->setReadOnly(!editable);
    m_dynamic->setEnabled(editable);
    m_static->setEnabled(editable);
    for (QPushButton *button : {m_new, m_save, m_delete})
        button->setToolTip(editable ? QString() : reasonTooltip);
    updateButtons();
}

QString GroupEditor::problemText() const
{
    return m_problem->text();
}

void GroupEditor::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void GroupEditor::updateButtons()
{
    m_new->setEnabled(m_editable);
    m_save->setEnabled(m_editable);
    m_delete->setEnabled(m_editable && !m_isNew);
}

QStringList GroupEditor::staticIds(QString *problem) const
{
    QStringList ids;
    const QStringList lines = m_members->toPlainText().split(u'\n');
    for (qsizetype line = 0; line < lines.size(); ++line) {
        const QString id = lines[line].trimmed();
        if (id.isEmpty() || ids.contains(id))
            continue;
        if (problem && problem->isEmpty() && id.contains(QChar(u' ')))
            *problem = tr("Device ids, line %1: \"%2\" contains a space; put one id per line.")
                           .arg(line + 1)
                           .arg(id);
        ids.append(id);
    }
    return ids;
}

void GroupEditor::updateStaticCount()
{
    const qsizetype count = staticIds(nullptr).size();
    m_memberCount->setText(tr("%1 devices listed.").arg(QLocale().toString(qint64(count))));
}

void GroupEditor::save()
{
    if (m_name->text().trimmed().isEmpty()) {
        showProblem(tr("Name: a group needs a name."));
        m_name->setFocus();
        return;
    }
    if (membership() == Membership::Dynamic && m_filter->hasError()) {
        showProblem(tr("Filter: %1").arg(m_filter->error().message));
        m_filter->setFocus();
        return;
    }
    if (membership() == Membership::Static) {
        QString problem;
        const QStringList ids = staticIds(&problem);
        if (problem.isEmpty() && ids.isEmpty())
            problem = tr("Device ids: a static group needs at least one device id.");
        if (!problem.isEmpty()) {
            showProblem(problem);
            m_members->setFocus();
            return;
        }
    }
    showProblem({});
    emit saveRequested(group(), m_isNew);
}

} // namespace otter::ui
