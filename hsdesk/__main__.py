from hsdesk.launch import main

raise SystemExit(main())
