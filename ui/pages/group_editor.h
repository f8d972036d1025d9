// GroupEditor: create and edit a device group — dynamic (a filter expression with a live "matches N
// devices" preview) or static (an explicit list of device ids) — and ask for it to be saved or deleted.
#pragma once

#include "models/records.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace otter::ui {

class InlineErrorEdit;

class GroupEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupEditor)

public:
    enum class Membership { Dynamic, Static };

    explicit GroupEditor(QWidget *parent = nullptr);

    // Loads an existing group; a dynamic group's filter is previewed at once (previewRequested).
    void setGroup(const models::GroupRecord &group);
    // An empty dynamic group, saved as new.
    void startNewGroup();
    // The group as edited (id, revision and provenance from the loaded one).
    models::GroupRecord group() const;
    bool isNew() const { return m_isNew; }

    void setMembership(Membership membership);
    Membership membership() const;

    // Live preview answers, for the filter last sent with previewRequested.
    void setPreviewCount(qint64 matching);
    void setPreviewError(int column, const QString &message);
    QString previewText() const;

    // Read-only (e.g. a viewer, or the group is being saved); reason is shown as the buttons' tooltip.
    void setEditable(bool editable, const QString &reasonTooltip = QString());
    bool isEditable() const { return m_editable; }

    // Why Save was refused locally, empty after a successful save request.
    QString problemText() const;

    InlineErrorEdit *filterEdit() const { return m_filter; }
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *staticMembersEdit() const { return m_members; }

signals:
    void previewRequested(const QString &filter);
    void saveRequested(const otter::models::GroupRecord &group, bool isNew);
    void deleteRequested(const QString &id, qint64 revision);
    void newGroupStarted();

private:
    void save();
    void updateStaticCount();
    void updateButtons();
    void showProblem(const QString &text);
    QStringList staticIds(QString *problem) const;

    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QRadioButton *m_dynamic = nullptr;
    QRadioButton *m_static = nullptr;
    QStackedWidget *m_stack = nullptr;
    InlineErrorEdit *m_filter = nullptr;
    QLabel *m_preview = nullptr;
    QPlainTextEdit *m_members = nullptr;
    QLabel *m_memberCount = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    models::GroupRecord m_loaded;
    bool m_isNew = true;
    bool m_editable = true;
};

} // namespace otter::ui
