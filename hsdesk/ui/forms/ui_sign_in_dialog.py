# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(420, 200)
        SignInDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(SignInDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.logo = QLabel(SignInDialog)
        self.logo.setObjectName(u"logo")
        self.logo.setAlignment(Qt.AlignCenter)

        self.verticalLayout.addWidget(self.logo)

        self.introLabel = QLabel(SignInDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.usernameLabel = QLabel(SignInDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.username = QLineEdit(SignInDialog)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(50)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.username)

        self.passwordLabel = QLabel(SignInDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(SignInDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password)


        self.verticalLayout.addLayout(self.formLayout)

        self.demoHint = QLabel(SignInDialog)
        self.demoHint.setObjectName(u"demoHint")
        self.demoHint.setWordWrap(True)

        self.verticalLayout.addWidget(self.demoHint)

        self.buttonBox = QDialogButtonBox(SignInDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.passwordLabel.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignInDialog)

        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"Sign in to hsdesk", None))
        self.introLabel.setText(QCoreApplication.translate("SignInDialog", u"Sign in with your own username and password.", None))
        self.usernameLabel.setText(QCoreApplication.translate("SignInDialog", u"&Username", None))
        self.passwordLabel.setText(QCoreApplication.translate("SignInDialog", u"&Password", None))
        self.demoHint.setText(QCoreApplication.translate("SignInDialog", u"This is the demo database. Every demo account's password is <b>demo</b>: chair, vicechair, sdm (administrator), vdo and shazia (staff).", None))
    # retranslateUi

