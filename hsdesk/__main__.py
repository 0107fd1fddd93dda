from hsdesk.app import main

raise SystemExit(main())
