from insideout.cli import main

main()
